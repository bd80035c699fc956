"""The 信息发布审查表 (review record) as one concept: the digest of what was approved
(:mod:`.digest`), the record and its one validation (:mod:`.record`), what changed since the last
signature (:mod:`.diff`, for ``zwgk review``), and the gate rule that applies the validation to
everything about to be published (:mod:`.rule`)."""
