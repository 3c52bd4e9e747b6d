"""The tests read the tool's messages in English, the language of the code; tests of the Latvian
interface choose it themselves (tests/unit/common/test_i18n.py and the tests named for Latvian)."""

import os

os.environ["GRANTREPORTS_LANGUAGE"] = "en"
