#!/usr/bin/env bash
# Score the linguistic layer with the official CoNLL 2018 scorer on UD treebanks:
#   gold tokenization: the treebank's own words, tags/lemmas/trees filled in by `migtrack parse --conllu`;
#   raw text: the treebank's running text (`migtrack nlp text`) through our own splitter and tokenizer.
# Usage: bench/ud/score.sh [LANG_DIR=en_ewt] [SPLIT=test] [MODEL_LANG=en]
# Needs ../shared/ud beside the repository and python3; writes its files to bench/ud/out/.
set -euo pipefail
cd "$(dirname "$0")/../.."
treebank=${1:-en_ewt}
split=${2:-test}
lang=${3:-en}
ud=../shared/ud
gold="$ud/$treebank/$treebank-ud-$split.conllu"
out=bench/ud/out
mkdir -p "$out"
cargo build --release -q -p migtrack-cli
bin=target/release/migtrack
"$bin" parse --conllu --lang "$lang" "$gold" > "$out/$treebank-$split.gold-tok.conllu"
echo "== $treebank $split, gold tokenization"
python3 "$ud/conll18_ud_eval.py" -v "$gold" "$out/$treebank-$split.gold-tok.conllu"
"$bin" nlp text "$gold" > "$out/$treebank-$split.txt"
"$bin" parse --plain --lang "$lang" "$out/$treebank-$split.txt" > "$out/$treebank-$split.raw.conllu"
echo "== $treebank $split, raw text"
python3 "$ud/conll18_ud_eval.py" -v "$gold" "$out/$treebank-$split.raw.conllu"
