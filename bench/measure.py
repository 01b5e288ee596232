"""How every benchmark measures: the median of a few runs and the queries of one, in a throwaway test database."""

import statistics
import time

RUNS = 7


def timed(call, runs=RUNS):
    """(median milliseconds, queries of the last run) of ``call()``; an HTTP answer must be a 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], 0
    for _run in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = call()
            timings.append((time.perf_counter() - started) * 1000)
        status = getattr(result, "status_code", 200)
        assert status == 200, status
        queries = len(captured.captured_queries)
    return statistics.median(timings), queries


def in_test_database(run):
    """``run()`` in a test database made for it by the migrations, dropped afterwards."""
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    database_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(database_name, verbosity=0)
