"""The naive one-file script a user would write with the same libraries (issue 3's baseline).

Typer command, holidays.country_holidays("KZ"), relativedelta, a Rich table.
"""

from datetime import date, timedelta

import holidays
import typer
from dateutil.relativedelta import relativedelta
from rich.console import Console
from rich.table import Table


def main(ruling: str) -> None:
    day = date.fromisoformat(ruling)
    kz = holidays.country_holidays("KZ", years=range(day.year, day.year + 2))
    appeal = day + relativedelta(months=2)
    while not kz.is_working_day(appeal):
        appeal += timedelta(days=1)
    in_force = appeal + timedelta(days=1)
    leave = in_force + timedelta(days=30)
    while not kz.is_working_day(leave):
        leave += timedelta(days=1)
    table = Table("Event", "Date")
    table.add_row("Last day to appeal", appeal.isoformat())
    table.add_row("Enters into force", in_force.isoformat())
    table.add_row("Last day to leave", leave.isoformat())
    Console().print(table)


if __name__ == "__main__":
    typer.run(main)
