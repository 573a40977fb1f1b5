"""`manage.py rotate_field_keys`: re-encrypt every encrypted field under the current key (the
first of FIELD_ENCRYPTION_KEYS), in batches, each batch in its own transaction (docs/adr/0060).

Rotation: put the new key first in FIELD_ENCRYPTION_KEYS (keep the old ones after it), restart,
run this, then `rotate_field_keys --check` (it fails while any value is under an old key), and
only then remove the old key. A run that stops part way is run again: values already under the
current key are left alone, so it carries on where it stopped.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimcare.fieldcrypt import UndecryptableValue, encrypted_models, rotate_model, stale_values


class Command(BaseCommand):
    help = "Re-encrypt every encrypted field under the current field encryption key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction (default 500)")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; fail if any value is not yet under the current key",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch = options["batch_size"]
        if batch < 1:
            raise CommandError("--batch-size must be 1 or more.")
        try:
            if options["check"]:
                self._check()
            else:
                self._rotate(batch)
        except UndecryptableValue as err:
            raise CommandError(str(err)) from None

    def _check(self) -> None:
        stale = {m._meta.label: stale_values(m, cols) for m, cols in encrypted_models()}
        left = {label: n for label, n in stale.items() if n}
        for label, n in left.items():
            self.stdout.write(f"{label}: {n} values under an old key")
        if left:
            raise CommandError("Some values are not under the current key: run rotate_field_keys first.")
        self.stdout.write("Every encrypted value is under the current key.")

    def _rotate(self, batch: int) -> None:
        total = 0
        for model, columns in encrypted_models():
            changed, after, batches = 0, None, 0
            while True:
                n, after = rotate_model(model, columns, batch=batch, after=after)
                if after is None:
                    break
                changed += n
                batches += 1
            total += changed
            self.stdout.write(f"{model._meta.label}: {changed} values re-encrypted in {batches} batches")
        self.stdout.write(f"Done: {total} values re-encrypted under the current key.")
