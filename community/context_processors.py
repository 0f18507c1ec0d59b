def ker(request):
    """What the header needs: unread notifications and the facilitator's review queue link."""
    from . import policy
    from .models import Notification

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"ker_is_facilitator": False, "ker_unread_notifications": 0}
    return {
        "ker_is_facilitator": policy.is_facilitator(user),
        "ker_unread_notifications": Notification.objects.filter(
            user=user, read_at__isnull=True
        ).count(),
    }
