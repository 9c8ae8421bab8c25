# Compiled from rules/sources.toml by `python -m deadline_cli.builtin`: do not edit.
import datetime

CRC32 = 3710579299
DATA = {
 'APPC': {
  'title': 'Administrative Procedural and Process Code of the Republic of Kazakhstan, 29.06.2020 No. 350-VI (in force 01.07.2021)',
  'url': 'https://adilet.zan.kz/rus/docs/K2000000350',
  'short': 'APPC',
  'version': 'consolidated text of 25.08.2026',
 },
 'GPK': {
  'title': 'Civil Procedure Code of the Republic of Kazakhstan, 31.10.2015 No. 377-V',
  'url': 'https://adilet.zan.kz/rus/docs/K1500000377',
  'short': 'GPK',
  'version': 'consolidated text of 01.07.2026',
 },
 'RefugeesLaw': {
  'title': 'Law of the Republic of Kazakhstan "On Refugees", 04.12.2009 No. 216-IV',
  'url': 'https://adilet.zan.kz/rus/docs/Z090000216_',
  'short': 'Refugees Law',
  'version': 'consolidated text of 01.07.2026',
 },
 'CivilCode': {
  'title': 'Civil Code of the Republic of Kazakhstan (General Part), 27.12.1994',
  'url': 'https://adilet.zan.kz/rus/docs/K940001000_',
  'short': 'Civil Code',
 },
 'UPK': {
  'title': 'Criminal Procedure Code of the Republic of Kazakhstan, 04.07.2014 No. 231-V',
  'url': 'https://adilet.zan.kz/rus/docs/K1400000231',
  'short': 'UPK',
  'version': 'consolidated texts of 07.07.2020 to 12.07.2023 (no later change to these articles found)',
 },
 'LabourCode': {
  'title': 'Labour Code of the Republic of Kazakhstan, 23.11.2015 No. 414-V',
  'url': 'https://adilet.zan.kz/rus/docs/K1500000414',
  'short': 'Labour Code',
 },
 'HolidaysLaw': {
  'title': 'Law "On holidays in the Republic of Kazakhstan", 13.12.2001 No. 267-II',
  'url': 'https://adilet.zan.kz/rus/docs/Z010000267_',
  'short': 'Holidays Law',
 },
 'KoAP': {
  'title': 'Code of the Republic of Kazakhstan on Administrative Offences, 05.07.2014 No. 235-V',
  'url': 'https://adilet.zan.kz/rus/docs/K1400000235',
  'short': 'KoAP',
  'version': 'consolidated texts of 2017 to 13.12.2024',
 },
}
