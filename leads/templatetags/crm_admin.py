"""Template tags of the staff workspace: the dashboard on the admin index."""

from django import template

from leads.dashboard import dashboard_context

register = template.Library()


@register.inclusion_tag("admin/leads/dashboard.html", takes_context=True)
def crm_dashboard(context: template.Context) -> dict:
    """The dashboard, computed for the user looking at it."""
    request = context["request"]
    return {"request": request, **dashboard_context(request.user)}
