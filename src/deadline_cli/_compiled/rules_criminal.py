# Compiled from rules/criminal.toml by `python -m deadline_cli.builtin`: do not edit.
import datetime

CRC32 = 3127036226
DATA = {
 'schema': 1,
 'id': 'criminal',
 'name': 'Criminal case: appeal against a verdict (UPK)',
 'description': 'A first-instance verdict: the last day to appeal, from its pronouncement or, for a detained convict, from receipt of the copy (--served), and the day it enters into force.',
 'group': 'court',
 'entries': ['ruling', 'appeal_ruling'],
 'valid_from': datetime.date(2015, 1, 1),
 'valid_from_reason': 'the UPK of 4 July 2014 is in force from 1 January 2015; earlier verdicts fall under the 1997 code',
 'ruling': {
  'label': 'Verdict pronounced',
  'basis': 'UPK art. 418(1)',
  'article': '418(1)',
  'source': 'UPK',
  'certainty': 'text',
 },
 'steps': [
  {
   'id': 'appeal_deadline',
   'label': 'Last day to appeal',
   'from': 'ruling',
   'period': '15 days',
   'roll': True,
   'deadline': True,
   'basis': 'UPK arts. 418(1), 48',
   'article': '418(1)',
   'source': 'UPK',
   'certainty': 'text',
   'note': "15 days (сутки) from the verdict's pronouncement; a day term ends at 24:00 of its last day and a non-working last day rolls forward (UPK art. 48(4)), except for terms of detention and custody",
   'variants': [
    {
     'when': 'served',
     'from': 'served',
     'period': '15 days',
     'roll': True,
     'basis': 'UPK arts. 418(1), 48 (a detained convict: from receipt of the copy of the verdict)',
     'article': '418(1)',
     'source': 'UPK',
     'certainty': 'text',
     'note': 'for a convict held in custody the 15 days run from the day they received a copy of the verdict (--served)',
    },
   ],
  },
  {
   'id': 'entry_into_force',
   'label': 'Verdict enters into force',
   'from': 'appeal_deadline',
   'period': '1 day',
   'deadline': True,
   'input': 'in_force',
   'basis': 'UPK art. 470(1)',
   'article': '470(1)',
   'source': 'UPK',
   'certainty': 'text',
   'note': 'a verdict not appealed enters into force when the appeal term expires: the day after its last day',
   'variants': [
    {
     'when': 'appeal_ruling',
     'from': 'appeal_ruling',
     'basis': 'UPK arts. 470(2), 471(4) (appealed and not quashed: in force the day of the appellate ruling)',
     'article': '470(2)',
     'source': 'UPK',
     'certainty': 'text',
    },
   ],
  },
 ],
}
