"""Custom actions: thin adapters from the tracker to programme_kb and back.

The knowledge base is loaded and validated when the action server imports this
package, so invalid YAML stops start-up with a message naming file, line and field
instead of failing on an applicant's first question. Personal data in anything the
action server logs is masked, as in Rasa's own process.
"""

import programme_kb
from bot.privacy import install_log_masking

install_log_masking()
programme_kb.service()
