from django import template

from octet.evaluation.services import MAX_ANSWER_LENGTH

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Previous value of an input, to refill the form after a refused answer."""
    if isinstance(mapping, dict):
        return mapping.get(key) or mapping.get(f"input-{key}") or ""
    return ""


@register.filter
def split_commas(value):
    return [v.strip() for v in str(value or "").split(",") if v.strip()]


@register.filter
def first_block(pieces):
    return next((p.block for p in pieces or () if p.block), None)


@register.simple_tag
def max_answer_length():
    """The server's limit, so that the form's maxlength can never disagree with it."""
    return MAX_ANSWER_LENGTH
