#!/usr/bin/env bash
# Regenerates docs/flows.md (Mermaid, renders on GitHub) and docs/flows/*.svg (Graphviz) from the shipped playbooks.
# Needs a built coach (swift build) and Graphviz's `dot` (apt-get install -y graphviz) for the SVGs.
set -euo pipefail
cd "$(dirname "$0")/../.."
coach=.build/debug/coach
out=docs/flows.md
{
  echo "# Pictures of the flows"
  echo
  echo "Each shipped playbook as \`coach graph ID\` draws it: steps (with their answer kinds), branches labelled with"
  echo "their conditions, repeated groups as boxes, and the drafts at the end. Regenerate with \`docs/flows/render.sh\`."
  echo
  for file in playbooks/*.yaml; do
    id=$(basename "$file" .yaml)
    echo "## $id"
    echo
    if command -v dot >/dev/null; then
      "$coach" graph "$id" --format dot | dot -Tsvg -o "docs/flows/$id.svg"
    fi
    echo "![$id](flows/$id.svg)"
    echo
    echo '```mermaid'
    "$coach" graph "$id"
    echo '```'
    echo
  done
} > "$out"
echo "wrote $out"
