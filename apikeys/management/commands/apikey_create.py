"""Make an API key from the command line (a deployment's first key, a script); prints it, the one time."""

from django.core.management.base import BaseCommand, CommandError

from apikeys.models import ApiKey
from apikeys.services import key_issue

PERIODS = {"minute": ApiKey.Period.MINUTE, "hour": ApiKey.Period.HOUR, "day": ApiKey.Period.DAY}


class Command(BaseCommand):
    help = "Make an API key with a name and a quota, and print the key: it is shown only this once."

    def add_arguments(self, parser):
        parser.add_argument("name", help="who uses the key, and for what")
        parser.add_argument("--quota", type=int, default=600, help="requests per period (default 600)")
        parser.add_argument("--period", choices=PERIODS, default="minute", help="the quota's period")

    def handle(self, *args, name, quota, period, **options):
        if quota < 0:
            raise CommandError("The quota is a whole number of requests, 0 or more.")
        if ApiKey.objects.filter(name=name).exists():
            raise CommandError(f"A key named {name!r} exists already: rotate it in admin, or choose another name.")
        api_key = ApiKey(name=name, quota=quota, quota_period=PERIODS[period])
        key = key_issue(api_key)
        api_key.save()
        self.stdout.write(key)
