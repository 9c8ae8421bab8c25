"""The naive loop issue 3 compares batch work against: appeal, entry into force and exit only.

Reads the same CSV, uses holidays.country_holidays("KZ") and relativedelta, writes CSV.
"""

import csv
import sys
from datetime import date, timedelta

import holidays
from dateutil.relativedelta import relativedelta


def main(path: str) -> None:
    kz = holidays.country_holidays("KZ", years=range(2020, 2030))
    out = csv.writer(sys.stdout)
    out.writerow(["id", "appeal", "in_force", "exit"])
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            ruling = date.fromisoformat(row["ruling"])
            appeal = ruling + relativedelta(months=2)
            while not kz.is_working_day(appeal):
                appeal += timedelta(days=1)
            in_force = appeal + timedelta(days=1)
            leave = in_force + timedelta(days=30)
            while not kz.is_working_day(leave):
                leave += timedelta(days=1)
            out.writerow([row["id"], appeal, in_force, leave])


if __name__ == "__main__":
    main(sys.argv[1])
