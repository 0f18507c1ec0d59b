def ker(request):
    """What the header needs: unread notifications and the facilitator's review queue link."""
    from . import policy
    from .models import Notification

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"ker_is_facilitator": False, "ker_review_count": 0, "ker_unread_notifications": 0}
    is_facilitator = policy.is_facilitator(user)
    return {
        "ker_is_facilitator": is_facilitator,
        "ker_review_count": _review_count() if is_facilitator else 0,
        "ker_unread_notifications": Notification.objects.filter(
            user=user, read_at__isnull=True
        ).count(),
    }


def _review_count() -> int:
    """How many items wait in the review queue: one count query per source that offers
    ``pending_count()``, the length of its list otherwise."""
    from .moderation import sources

    total = 0
    for source in sources().values():
        counter = getattr(source, "pending_count", None)
        total += counter() if counter is not None else len(source.pending_items())
    return total
