# Compiled from rules/restore.toml by `python -m deadline_cli.builtin`: do not edit.
import datetime

CRC32 = 1973969012
DATA = {
 'schema': 1,
 'id': 'restore',
 'name': 'Application to restore a missed term (GPK art. 126)',
 'description': 'The last day to apply to restore a missed procedural term: 1 month from the day you learned that your rights were breached.',
 'group': 'short',
 'valid_from': datetime.date(2016, 1, 1),
 'valid_from_reason': 'the GPK of 31 October 2015 is in force from 1 January 2016',
 'ruling': {
  'label': 'Day you learned of the breach of your rights',
  'basis': 'GPK art. 126(4)',
  'article': '126(4)',
  'source': 'GPK',
  'certainty': 'text',
 },
 'steps': [
  {
   'id': 'restore_deadline',
   'label': 'Last day to apply to restore the term',
   'from': 'ruling',
   'period': '1 month',
   'roll': True,
   'deadline': True,
   'basis': 'GPK art. 126(4)',
   'article': '126(4)',
   'source': 'GPK',
   'certainty': 'text',
   'note': "apply to the court where the missed act was due, with the appeal or other act itself and proof of the reasons (GPK art. 126(4)-(5)); for the terms to appeal judicial acts (and the prosecutor's motions) the court must restore a term missed for the reasons art. 126(3) lists, such as a copy of the judicial act sent late, the act not translated into a language you speak, or succession wrongly formalised; any other missed term may be restored for reasons the court finds good (art. 126(1)), and need not be",
  },
 ],
}
