# Compiled from rules/detention.toml by `python -m deadline_cli.builtin`: do not edit.
import datetime

CRC32 = 3431305215
DATA = {
 'schema': 1,
 'id': 'detention',
 'name': 'Appeal against a ruling on detention (UPK art. 107)',
 'description': "The last day to appeal an investigating judge's ruling on detention in custody, house arrest, bail, or their extension: 3 days (сутки) from its announcement, under both readings of UPK art. 48.",
 'group': 'short',
 'valid_from': datetime.date(2015, 1, 1),
 'valid_from_reason': 'the UPK of 4 July 2014 is in force from 1 January 2015',
 'ruling': {
  'label': "Investigating judge's ruling announced",
  'basis': 'UPK art. 107(2)',
  'article': '107(2)',
  'source': 'UPK',
  'certainty': 'text',
 },
 'steps': [
  {
   'id': 'appeal_deadline',
   'label': 'Last day to appeal the ruling',
   'deadline': True,
   'readings': [
    {
     'id': 'custody-term',
     'label': 'a custody term: the day of announcement counts, no roll-forward (UPK art. 48(2), 48(4) exception read broadly)',
     'from': 'ruling',
     'period': '3 days',
     'first_day_counts': True,
     'basis': 'UPK arts. 107(2), 48(2), 48(4), exception for custody terms',
     'article': '107(2)',
     'source': 'UPK',
     'certainty': 'unsettled',
     'note': "what is not settled: UPK art. 48 excepts 'the computation of terms in detention, custody, house arrest' from the next-day start (part 2) and from the roll-forward (part 4), and does not say whether the 3 days to appeal a ruling on custody (art. 107(2)) are such a term; read broadly, the day of announcement is the first of the 3 days and a non-working last day does not roll: the earlier day, which binds",
    },
    {
     'id': 'appeal-term',
     'label': 'an appeal term: the next day starts it, a non-working last day rolls (UPK art. 48(2), 48(4) general rule)',
     'from': 'ruling',
     'period': '3 days',
     'roll': True,
     'basis': 'UPK arts. 107(2), 48(2), 48(4), general rule',
     'article': '107(2)',
     'source': 'UPK',
     'certainty': 'unsettled',
     'note': 'what is not settled: read narrowly, the exception of UPK art. 48 covers only the terms of detention and custody themselves, and this is a term to appeal: the day of announcement is not counted and a non-working last day rolls forward; a term missed for a good reason may be restored (arts. 107(2), 50)',
    },
   ],
  },
 ],
}
