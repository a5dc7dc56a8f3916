"""Template tags of watches: the link to my notifications, with the unread count, in the admin header."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from leads import watches
from leads.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def crm_notifications_link(context: template.Context) -> SafeString | str:
    """The "My notifications (3 unread)" link for a user who may have watches; one COUNT query per page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm(watches.VIEW_OPPORTUNITY):
        return ""
    unread = Notification.objects.filter(user=user).unread().count()
    url = reverse("admin:leads_notification_changelist")
    if unread:
        return format_html(
            '<a href="{}?read_at__isempty=1" class="crm-notifications crm-unread">{}</a> / ',
            url,
            _("My notifications (%(count)d unread)") % {"count": unread},
        )
    return format_html('<a href="{}" class="crm-notifications">{}</a> / ', url, _("My notifications"))
