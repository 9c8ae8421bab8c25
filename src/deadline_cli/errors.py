"""The one exception type a user can cause."""


class DeadlineError(Exception):
    """Bad input or data: the message is written for a person and fits on one line.

    The CLI prints it on stderr and exits with code 2; the core raises nothing else on purpose.
    """
