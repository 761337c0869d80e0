"""Daily: the digest of newly matching policies and the application-deadline reminders."""

from gongkai.core.periodic import periodic_job

from .notifications import digests_send, reminders_send


@periodic_job(minutes=24 * 60, name="policies.digest")
def send_policy_digests() -> None:
    # Each (enterprise, policy) is told once (PolicyNotice), so reruns send nothing twice.
    digests_send()


@periodic_job(minutes=24 * 60, name="policies.reminders")
def send_deadline_reminders() -> None:
    reminders_send()
