"""What decides whether a report is made: each grant's data against its funder's rules
(funder_rules, which check the figures the report would print), remembered per grant
(grant_checks); the build's extraction, which reads every input once and writes one data file
per valid grant (extraction); the problem lists for people (summary, validation_report); and
the check of every format's templates (template_check).

Imports: common, funders, inputs, figures."""
