"""What a new user starts from: the blank input workbook generated from the sheet schemas (workbook:
headers, comments, dropdowns, formats, instructions) and a new project folder in one command
(project: config, the workbook, a README, a build script).

Imports: every stage before it (common, funders, inputs, figures, checks, audit, render); it uses
common, funders and inputs."""
