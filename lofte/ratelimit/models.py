from django.db import models


class Counter(models.Model):
    """How many times something happened in a window that ends at `expires_at`.

    Only used without Redis; `lofte.ratelimit.hit` changes a row in one UPDATE, so two workers
    counting at once both count.
    """

    key = models.CharField(max_length=120, primary_key=True)
    count = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.count}"
