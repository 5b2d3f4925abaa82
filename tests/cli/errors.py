"""What a user-caused error looks like on the command line."""


def assert_one_line_error(result, *words):
    """Exit status 2 and one line on stderr, starting 'error: ' and holding every word."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
