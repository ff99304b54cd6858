"""API tokens: a person's key for reporting from their own systems."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "lofte_"


def hash_token(raw):
    """Return the stored form of a token: its SHA-256. A token is 256 random bits, so a slow
    password hash would add nothing but time to every request."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)

    def authenticate(self, raw):
        """Return the active token whose secret is `raw`, or None."""
        if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
            return None
        return self.active().select_related("user").filter(key_hash=hash_token(raw)).first()


class ApiToken(models.Model):
    """A person's API token: acts with exactly the rights the person has, no more."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the system that reports with it."),
    )
    # Only the hash is kept: the token itself is shown once, when it is made.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters, so the person can tell their tokens apart.
    prefix = models.CharField(max_length=16, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def create_for(cls, user, name):
        """Make a token for the user; return (token, the secret to show once)."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, key_hash=hash_token(raw), prefix=raw[: len(TOKEN_PREFIX) + 4]
        )
        return token, raw

    @property
    def is_active(self):
        return self.revoked_at is None

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def mark_used(self):
        """Note the use, at most once a minute: a busy integration need not write every call."""
        now = timezone.now()
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
