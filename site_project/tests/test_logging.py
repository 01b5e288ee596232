import logging
import logging.config
from smtplib import SMTPRecipientsRefused


def test_mail_failures_are_logged_without_the_authors_address(capsys, settings):
    logging.config.dictConfig(settings.LOGGING)
    try:
        raise SMTPRecipientsRefused({"owl@example.org": (550, b"mailbox unavailable")})
    except SMTPRecipientsRefused:
        logging.getLogger("post_office").exception("Failed to send email #42")

    output = capsys.readouterr().err
    assert "Failed to send email #42" in output
    assert "SMTPRecipientsRefused" in output
    assert "owl@example.org" not in output
    assert "<email redacted>" in output


def test_routine_outbox_runs_stay_quiet(capsys, settings):
    logging.config.dictConfig(settings.LOGGING)

    logging.getLogger("post_office").info("Started sending 0 emails with 1 processes.")

    assert capsys.readouterr().err == ""
