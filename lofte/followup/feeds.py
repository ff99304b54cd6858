"""The Atom feed of a promise's published updates, for feed readers and newsrooms.

In the language of its address (`/en/medborgarloften/<slug>/uppdateringar.atom`): the feed
declares it (xml:lang), its texts are translated where a translation exists
(`pages.localise`), and an entry whose update is still in Swedish says so with its own xml:lang.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from lofte.followup.models import Update
from lofte.languages import text_language
from lofte.promises import pages
from lofte.promises.models import Promise
from lofte.text import clean_text
from lofte.web import absolute_url, site_host

FEED_LENGTH = 50


def _tag(specific):
    """Return a tag URI (RFC 4151): the same in every language and if a page moves.

    The host is SITE_URL's, never the request's Host header, so an entry keeps its id
    whichever of the allowed hostnames a reader fetched the feed through.
    """
    return f"tag:{site_host()},2024:lofte/{specific}"


class LanguageAtomFeed(Atom1Feed):
    """Atom with an entry's own xml:lang when its text is not in the feed's language."""

    def write_items(self, handler):
        for item in self.items:
            language = item.get("language")
            own = {"xml:lang": language} if language and language != self.feed["language"] else {}
            handler.startElement("entry", own)
            self.add_item_elements(handler, item)
            handler.endElement("entry")


class UpdatesFeed(Feed):
    feed_type = LanguageAtomFeed

    def get_object(self, request, slug):
        promise = Promise.objects.get_visible_or_404(request.user, slug)
        return pages.localise([promise])[0]

    def title(self, promise):
        return _("Follow-up: %(title)s") % {"title": promise.title}

    def subtitle(self, promise):
        return _("What the actors of the promise have done, as approved by its coordinators.")

    # Links are absolute already, so Django adds no host of the request's to them.

    def link(self, promise):
        return absolute_url(reverse("progress:timeline", args=[promise.slug]))

    def feed_url(self, promise):
        return absolute_url(reverse("progress:feed", args=[promise.slug]))

    def feed_guid(self, promise):
        return _tag(f"promise-{promise.pk}/updates")

    def author_name(self, promise):
        # Every entry names its actors; the feed as a whole is the promise's.
        return promise.title

    def items(self, promise):
        updates = list(
            Update.objects.published()
            .filter(commitment__focus_area__promise=promise)
            .select_related("period", "commitment__focus_area__promise")
            .prefetch_related("commitment__actors")
            .order_by("-reviewed_at", "-pk")[:FEED_LENGTH]
        )
        # One query for every entry's texts (none in Swedish).
        pages.localise([*updates, *(u.commitment for u in updates), *(u.period for u in updates)])
        return updates

    def item_extra_kwargs(self, update):
        return {"language": text_language(update, "text")}

    def item_title(self, update):
        return clean_text(f"{update.commitment.title} – {update.period.label}")

    def item_description(self, update):
        status = _("Status: %(status)s") % {"status": update.get_status_display()}
        # Atom's summary is typed html: escape the actor's text and keep its paragraphs.
        return linebreaks(f"{status}\n\n{clean_text(update.text)}", autoescape=True)

    def item_link(self, update):
        return absolute_url(f"{update.commitment.get_absolute_url()}#update-{update.pk}")

    def item_guid(self, update):
        return _tag(f"update-{update.pk}")

    item_guid_is_permalink = False

    def item_author_name(self, update):
        return ", ".join(a.name for a in update.commitment.actors.all()) or None

    def item_updateddate(self, update):
        return update.reviewed_at or update.updated_at

    def item_pubdate(self, update):
        return update.reviewed_at or update.updated_at
