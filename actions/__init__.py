"""Custom actions: thin adapters from the tracker to programme_kb and back.

The knowledge base is loaded and validated when the action server imports this
package, so invalid YAML stops start-up with a message naming file, line and field
instead of failing on an applicant's first question.
"""

import programme_kb

programme_kb.service()
