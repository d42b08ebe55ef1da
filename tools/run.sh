#!/usr/bin/env bash
# make run: builds what runs (not the tests), starts the identity provider, the development bus and the four
# services at once on SQLite under .data/, loads the demo data (idempotent), shows the Jura Nord bonus territoire
# allocation, then starts the web application and stays up until Ctrl-C, which stops every process in parallel
# within 10 s. The web application is built while the demo data loads: nothing before the allocation needs it.
#   CTG_SKIP_BUILD=1 starts what is already built.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/platform.sh"

convention="${CTG_DEMO_CONVENTION:-ctg-39-jura-nord-2019}"
year="${CTG_DEMO_YEAR:-2019}"
ctg_dll="$root/tools/Ctg.Cli/bin/$config/net10.0/ctg.dll"
# make run's own ctg session (the finance officer of the demo), kept apart from the developer's ~/.config/ctg.
ctg=(env XDG_CONFIG_HOME="$data/run/ctg-config" dotnet "$ctg_dll" --identity-url "$identity_url")

# The web application's build runs in the background while the demo data loads: a stop cancels it too.
web_build_pid=""
stop_web_build() {
  [ -n "$web_build_pid" ] || return 0
  pkill -TERM -P "$web_build_pid" 2>/dev/null
  kill -TERM "$web_build_pid" 2>/dev/null
  wait "$web_build_pid" 2>/dev/null
  web_build_pid=""
}

shutdown() {
  trap - INT TERM EXIT
  echo
  echo "Arrêt de la plateforme…"
  stop_web_build
  stop_platform
  echo "Plateforme arrêtée."
  exit 0
}
trap shutdown INT TERM
# Whatever happens below, never leave processes behind.
trap 'stop_web_build; stop_platform' EXIT

fail() { echo "make run : $1" >&2; stop_web_build; stop_platform; exit 1; }

# What the first allocation needs; the web application comes after it.
backend=(identity devbus signatories structures funding reporting)
web_build_log="$logdir/web-build.log"
if [ "${CTG_SKIP_BUILD:-0}" != 1 ]; then
  echo "Compilation des services et de l'outil ctg (sans les tests)…"
  build_platform "${backend[@]}" ctg || { echo "make run : la compilation a échoué." >&2; exit 1; }
fi

echo "Démarrage du fournisseur d'identité, du bus d'événements et des quatre services (données : $data)…"
start_platform "${backend[@]}" || fail "la plateforme n'a pas démarré (journaux : $logdir)."
if [ "${CTG_SKIP_BUILD:-0}" != 1 ]; then
  # Everything the web references is built by now, so this build compiles the web project alone.
  echo "Compilation de l'application web en arrière-plan (journal : $web_build_log)…"
  build_platform web >"$web_build_log" 2>&1 &
  web_build_pid=$!
fi
"${ctg[@]}" login --utilisateur financier --mot-de-passe demo >/dev/null || fail "la connexion de démonstration (financier) a échoué."

echo
echo "== Chargement des données de démonstration (sans doublon si elles sont déjà là) =="
"${ctg[@]}" import --demo || fail "le chargement des données de démonstration a échoué."
"${ctg[@]}" import "$root/tools/Ctg.Cli/DemoData/declarations_jura_nord_2019.csv" --skip-existing \
  || fail "l'import des déclarations de démonstration a échoué."

echo
echo "== Bonus territoire $year de la CTG Jura Nord ($convention) =="
# A run is an immutable record: compute once, later runs of make run show the recorded one.
# "No run yet" (exit 4) is expected on a first start: keep its message out of the way.
show_errors="$(mktemp)"
"${ctg[@]}" show "$convention" "$year" --latest 2>"$show_errors"
show_status=$?
case $show_status in
  0) ;;
  4) "${ctg[@]}" allocate "$convention" "$year" --no-approve || fail "le calcul du bonus territoire a échoué." ;;
  *) cat "$show_errors" >&2; rm -f "$show_errors"; fail "la lecture du calcul du bonus territoire a échoué." ;;
esac
rm -f "$show_errors"

echo
if [ -n "$web_build_pid" ]; then
  wait "$web_build_pid" || { web_build_pid=""; cat "$web_build_log" >&2; fail "la compilation de l'application web a échoué."; }
  web_build_pid=""
fi
echo "Démarrage de l'application web…"
START_MORE=1 start_platform web || fail "l'application web n'a pas démarré (journal : $logdir/web.log)."

cat <<TEXT

== La plateforme tourne ==
  application web  http://127.0.0.1:$web_port   (comptes de démonstration, mot de passe « demo » :
                   gestionnaire, financier, ordonnateur, ordonnateur2, auditeur, admin)
  identité       OIDC http://127.0.0.1:$identity_port   (découverte ${identity_url}.well-known/openid-configuration)
  signataires    gRPC http://127.0.0.1:5101   (HTTP http://127.0.0.1:5201/healthz)
  structures     gRPC http://127.0.0.1:5102   (HTTP http://127.0.0.1:5202/healthz)
  financements   gRPC http://127.0.0.1:5103   (HTTP http://127.0.0.1:5203/healthz)
  restitution    gRPC http://127.0.0.1:5104   (HTTP http://127.0.0.1:5204/healthz)
  bus            HTTP http://127.0.0.1:$bus_port/v1.0/healthz
  données        $data   journaux $logdir

Comptes de démonstration (DÉVELOPPEMENT UNIQUEMENT, mot de passe « demo ») :
  financier      Claire Martin    gestionnaire financier de la CAF du Jura (39)
  ordonnateur    Paul Girard      ordonnateur (39)
  ordonnateur2   Sophie Bernard   ordonnateur et gestionnaire financier (39)
  gestionnaire   Marc Petit       gestionnaire de structure (Communauté de communes Jura Nord)
  auditeur       Nadia Roux       auditeur
  admin          Luc Moreau       administrateur
  Clients : ctg-web (secret ctg-web-dev-secret), ctg-cli (public), partenaire-demo (secret partenaire-demo-secret)

Dans un second terminal, à la racine du dépôt :
  tools/ctg login --utilisateur financier          # mot de passe demandé : demo
  tools/ctg whoami
  tools/ctg status
  tools/ctg allocate $convention $year            # calcule, affiche, puis demande la validation
  tools/ctg explain str-39-jn-multi-accueil-fraisans $year
  tools/ctg simulate $convention $year --param bt.revalorisation.alsh=1,02
  tools/ctg export $convention $year --csv bonus.csv --html copil.html
  tools/ctg params list
  tools/ctg --help

Ctrl-C pour tout arrêter.
TEXT

# Stay up until Ctrl-C or TERM (the trap stops everything) or until a process of the platform stops by
# itself. Waiting on the processes themselves leaves no helper (such as a sleep) to clean up.
wait -n "${platform_pids[@]}"
for pidfile in "$piddir"/*.pid; do
  [ -e "$pidfile" ] || continue
  if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    name="$(basename "$pidfile" .pid)"
    echo "make run : le processus $name s'est arrêté ; journal : $logdir/$name.log" >&2
  fi
done
trap - INT TERM EXIT
stop_platform
exit 1
