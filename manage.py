#!/usr/bin/env python
"""Django's command-line utility for victimcare."""

import os
import secrets
import sys

# Commands that read no database and sign nothing, so they need no deployment's secret
# (VICTIMS-CODE.md: code_evaluate "needs no secret or settings of a deployment"). They get a
# throwaway key for this process only; every other command still fails loudly without one.
NEEDS_NO_SECRET = {"code_evaluate"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimcare.settings")
    if len(sys.argv) > 1 and sys.argv[1] in NEEDS_NO_SECRET:
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(32))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
