"""Talk pages: messages about an article, reviewed like edits when the policy says so."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .articles import ArticlePage
from .revisions import RevisionStatus


class TalkMessage(models.Model):
    """A message on an article's talk page; replies point at their parent."""

    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="talk_messages")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=255)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(
        max_length=10, choices=RevisionStatus.choices, default=RevisionStatus.APPROVED
    )
    hidden = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("message de discussion")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author_name}: {self.body[:40]}"
