"""Every model of the app, by room: pages, comments, moderation, notices. The lowest layer: it imports
no other room of the app (``.importlinter``)."""

from consultations.models.comments import (
    COMMENT_MAX_LENGTH,
    CommentReport,
    CommentSupport,
    ConsultationComment,
    ConsultationCommentManager,
    address_key,
    canonical_mailbox,
)
from consultations.models.moderation import BlockedWord, ModerationDecision, ReasonCategory, UrgentPhrase
from consultations.models.notices import (
    AuthorAddress,
    ModeratorNotice,
    ResultsSubscription,
    UnconfirmedAddressEmail,
)
from consultations.models.pages import (
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationStatus,
    IdeaResponse,
    ModerationMode,
)

__all__ = [
    "COMMENT_MAX_LENGTH",
    "AuthorAddress",
    "BlockedWord",
    "CommentReport",
    "CommentSupport",
    "ConsultationComment",
    "ConsultationCommentManager",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationStatus",
    "IdeaResponse",
    "ModerationDecision",
    "ModerationMode",
    "ModeratorNotice",
    "ReasonCategory",
    "ResultsSubscription",
    "UnconfirmedAddressEmail",
    "UrgentPhrase",
    "address_key",
    "canonical_mailbox",
]
