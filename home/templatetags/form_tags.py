"""Form rendering shared by every public form: labels, help and errors tied to their input."""

from django import template

register = template.Library()


@register.simple_tag
def accessible_widget(field):
    """The field's widget with aria-describedby pointing at its help text and error, and aria-invalid."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    attrs = {}
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
