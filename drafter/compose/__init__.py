"""From a brief to markup: the plan, the templates in their sandbox, the phrase bank."""
