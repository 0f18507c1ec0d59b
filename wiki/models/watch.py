"""Watchlists: who follows which article."""

from django.conf import settings
from django.db import models

from .articles import ArticlePage


class Watch(models.Model):
    """A person follows an article (watchlist, notifications)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="watchers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="unique_watch")]

    def __str__(self):
        return f"{self.user_id} -> {self.page_id}"
