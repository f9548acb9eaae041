"""Custom actions: thin adapters from the tracker to programme_kb and back.

The knowledge base is loaded and validated when the action server imports this
package. Invalid YAML is logged naming file, line and field, and the server starts
from the last good copy (``programme_kb.service``); only with no copy does start-up
stop, instead of failing on an applicant's first question. Personal data in
anything the action server logs is masked, as in Rasa's own process.
"""

import programme_kb
from bot.privacy.masking import install_log_masking

install_log_masking()
programme_kb.shared_service()
