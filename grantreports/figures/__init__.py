"""Every figure of one report, computed once (context: the report context both renderers and the
charts read), the input rows behind each figure (traceability), number and date style per
language (formatting), and the charts drawn from the figures. Templates only format.

Imports: common, funders, inputs."""
