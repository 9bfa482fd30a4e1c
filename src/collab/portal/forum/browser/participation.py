"""``@@participation``: the participation statistics page for editors."""

from collab.portal import _
from collab.portal.dates import number_on_page
from collab.portal.forum.browser.charts import bar_chart
from collab.portal.forum.participation import participation
from Products.Five.browser import BrowserView
from zope.i18n import translate


TOP_COUNTRIES = 20


class ParticipationView(BrowserView):
    def __call__(self):
        self.data = participation(self.context)
        return self.index()

    def number(self, value):
        return number_on_page(value)

    def country_chart(self):
        title = translate(_("Comments by country"), context=self.request)
        rows = [(c["name"] or c["code"], c["comments"]) for c in self.data["countries"]]
        return bar_chart(rows[:TOP_COUNTRIES], title, number_on_page)

    def group_chart(self):
        title = translate(_("Comments by discussion group"), context=self.request)
        return bar_chart(
            [(g["title"], g["comments"]) for g in self.data["groups"]],
            title,
            number_on_page,
        )
