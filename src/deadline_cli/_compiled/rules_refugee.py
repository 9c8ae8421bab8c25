# Compiled from rules/refugee.toml by `python -m deadline_cli.builtin`: do not edit.
import datetime

CRC32 = 2084724990
DATA = {
 'schema': 1,
 'id': 'refugee',
 'name': 'Refusal of refugee status (APPC + Refugees Law)',
 'description': 'A court decision upholding a refusal of refugee status: appeal, entry into force, the last day to leave Kazakhstan under each reading of the law, and cassation after an appeal.',
 'extends': 'administrative',
 'choice': False,
 'steps': [
  {
   'id': 'exit_deadline',
   'label': 'Last day to leave Kazakhstan',
   'deadline': True,
   'readings': [
    {
     'id': '30-days-from-entry-into-force',
     'label': '30 days from entry into force (practice stated by the defence)',
     'from': 'entry_into_force',
     'period': '30 days',
     'roll': True,
     'basis': 'Refugees Law arts. 18(1), 8(1)(5), 18(2)',
     'article': '18(1)',
     'source': 'RefugeesLaw',
     'certainty': 'secondary',
     'note': 'what is not verified: the practice of 30 days from entry into force, stated by the defence lawyer in the 2026 Astana case; the statute (art. 18(1)) says one month from the day the refusing decision is taken, and arts. 8(1)(5) and 18(2) let the person stay through the appeal periods and allow expulsion only on a court decision in force',
    },
    {
     'id': '1-month-from-entry-into-force',
     'label': '1 month from entry into force (art. 18(1) period, start read from arts. 8(1)(5), 18(2))',
     'from': 'entry_into_force',
     'period': '1 month',
     'roll': True,
     'basis': 'Refugees Law arts. 18(1), 8(1)(5), 18(2)',
     'article': '18(1)',
     'source': 'RefugeesLaw',
     'certainty': 'secondary',
     'note': "what is not verified: the start; the period of one month is the statute's (art. 18(1)), the start at entry into force is read from arts. 8(1)(5) and 18(2), not from the words of art. 18(1)",
    },
    {
     'id': '1-month-from-decision',
     'label': '1 month from the decision (art. 18(1) words alone)',
     'from': 'ruling',
     'period': '1 month',
     'roll': True,
     'basis': 'Refugees Law art. 18(1)',
     'article': '18(1)',
     'source': 'RefugeesLaw',
     'certainty': 'text',
     'note': "the statute's words read alone: one month from the day the decision is taken; without an appeal this day falls before the decision enters into force",
     'variants': [
      {
       'when': 'appeal_ruling',
       'from': 'appeal_ruling',
       'period': '1 month',
       'roll': True,
       'basis': 'Refugees Law art. 18(1): one month from the appellate act',
       'article': '18(1)',
       'source': 'RefugeesLaw',
       'certainty': 'text',
       'note': "the statute's words read alone, counted from the appellate act, the last decision taken; since 1 July 2025 it enters into force when announced, so this reading and one month from entry into force coincide",
      },
     ],
    },
   ],
  },
 ],
}
