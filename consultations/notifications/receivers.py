"""Where notifications learn what happened: a comment was posted, a decision was taken. Nothing calls them
directly; ``ConsultationsConfig.ready()`` connects them, so that a comment or a decision taken anywhere (a
view, a command, a worker, a shell) is told to whom it concerns, in the same transaction."""

from wagtail.signals import page_published

from consultations.comments.signals import comment_posted
from consultations.models.comments import CommentReport, ConsultationComment
from consultations.models.moderation import ModerationDecision
from consultations.models.pages import ConsultationPage
from consultations.moderation.service import comment_decided
from consultations.notifications import results, to_authors, to_moderators

State = ConsultationComment.State
Action = ModerationDecision.Action


def on_comment_posted(sender, comment, **kwargs):
    if comment.state == State.PENDING:
        to_authors.notify_author_of_new_comment(comment)
    # Public at once under post-moderation, but a person must still read it; the parent's author hears
    # of a reply only once a moderator has read it (notify_author_of_decision).
    if comment.is_urgent:
        to_moderators.notify_moderators_of_urgent_comment(comment)
    else:
        to_moderators.notify_moderators_of_new_comment(comment)


def on_comment_decided(sender, decision, manager_answered=False, with_approval=False, **kwargs):
    to_authors.notify_author_of_decision(
        decision, manager_answered=manager_answered, with_approval=with_approval
    )
    if decision.action == Action.RESUBMIT:
        if decision.comment.is_urgent:
            to_moderators.notify_moderators_of_urgent_comment(decision.comment)
        else:
            to_moderators.notify_moderators_of_new_comment(decision.comment)
    elif decision.action == Action.HOLD:
        open_reports = CommentReport.objects.filter(comment_id=decision.comment_id, reviewed_at__isnull=True)
        if report_count := open_reports.count():
            to_moderators.notify_moderators_of_held_comment(decision.comment, report_count)


def on_page_published(sender, instance, **kwargs):
    """In the publication's transaction: results public from now are told to those who asked, once."""
    results.notify_if_results_published(instance)


def connect():
    comment_posted.connect(
        on_comment_posted, sender=ConsultationComment, dispatch_uid="tribune.notifications.comment_posted"
    )
    comment_decided.connect(
        on_comment_decided, sender=ModerationDecision, dispatch_uid="tribune.notifications.comment_decided"
    )
    page_published.connect(
        on_page_published, sender=ConsultationPage, dispatch_uid="tribune.notifications.results_published"
    )
