"""Protection of an article: who may edit it, until when, whether every edit waits."""

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class ProtectionLevel(models.TextChoices):
    NONE = "", _("aucune")
    CONFIRMED = "confirmed", _("contributeurs confirmés seulement")
    FACILITATORS = "facilitators", _("animateurs seulement")


class ArticleProtection(models.Model):
    """Who may edit an article, until when, and whether every edit waits for review."""

    page = models.OneToOneField(
        "wiki.ArticlePage", on_delete=models.CASCADE, related_name="protection"
    )
    level = models.CharField(
        _("protection"), max_length=20, choices=ProtectionLevel.choices, blank=True
    )
    expires_at = models.DateTimeField(_("jusqu'au"), null=True, blank=True)
    reason = models.CharField(_("motif"), max_length=500, blank=True)
    under_review = models.BooleanField(_("modifications relues avant publication"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("protection d'article")

    def __str__(self):
        return f"{self.page_id}: {self.level or '-'}"

    def in_force(self) -> bool:
        if not self.level:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()

    def explanation(self) -> str:
        who = (
            _("aux animateurs")
            if self.level == ProtectionLevel.FACILITATORS
            else _("aux contributeurs confirmés")
        )
        text = _("Cet article est protégé : sa modification est réservée %(who)s.") % {"who": who}
        if self.expires_at:
            text += " " + _("Jusqu'au %(date)s.") % {
                "date": formats.date_format(timezone.localtime(self.expires_at), "DATETIME_FORMAT")
            }
        if self.reason:
            text += " " + _("Motif : %(reason)s") % {"reason": self.reason}
        return text
