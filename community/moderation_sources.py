"""Reports from visitors appear in the same review queue as pending content."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .models import Report
from .moderation import PendingItem


class ReportsSource:
    name = "signalements"
    label = _("Signalements")
    approve_label = _("Traité")
    reject_label = _("Classer sans suite")
    # What the confirmation says after a decision (the queue's default is "Accepté"/"Refusé").
    approved_label = _("Traité")
    rejected_label = _("Classé sans suite")

    def pending_items(self) -> list[PendingItem]:
        return [
            PendingItem(
                source=self.name,
                item_id=str(report.pk),
                title=report.target_label,
                url=report.target_url,
                created_at=report.created_at,
                author=report.reporter,
                author_name=report.reporter.get_username() if report.reporter else "",
                kind_label=str(_("Signalement")),
                extra={"report": report},
            )
            for report in Report.objects.filter(handled_at__isnull=True).select_related("reporter")
        ]

    def pending_count(self) -> int:
        return Report.objects.filter(handled_at__isnull=True).count()

    def render_detail(self, item: PendingItem, request) -> str:
        return render_to_string(
            "community/review_report.html", {"report": item.extra["report"]}, request=request
        )

    def approve(self, item_id: str, *, user, reason: str = "") -> None:
        from .services import report_handle

        report_handle(user=user, report_id=int(item_id), resolution=reason or str(_("traité")))

    def reject(self, item_id: str, *, user, reason: str = "") -> None:
        from .services import report_handle

        report_handle(user=user, report_id=int(item_id), resolution=reason or str(_("sans suite")))
