# fish completion for rip (also as ip, brctl, ifconfig, route, netstat
# and arp).
#
# The grammar lives in rip.bash; this file asks bash for the candidates
# (function _rip_print there), so the three shells complete alike.  It
# looks for rip.bash in $RIP_BASH_COMPLETION, next to this file, and in
# the usual bash-completion directories.
#
# Install:  install -Dm644 completions/rip.fish \
#               /usr/local/share/fish/vendor_completions.d/rip.fish
#           (plus links ip.fish, brctl.fish, ifconfig.fish, route.fish,
#           netstat.fish and arp.fish to it, and rip.bash; see README.md)

function __rip_bash_file
    set -l here (status dirname)
    for f in $RIP_BASH_COMPLETION $here/rip.bash \
            /usr/local/share/bash-completion/completions/rip \
            /usr/share/bash-completion/completions/rip \
            /etc/bash_completion.d/rip
        if test -r "$f"
            echo $f
            return 0
        end
    end
    return 1
end

set -g __rip_bash (__rip_bash_file)

function __rip_complete
    test -n "$__rip_bash"; or return
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    bash -c '. "$0" && _rip_print "$@"' $__rip_bash $words $cur 2>/dev/null
end

for cmd in rip ip brctl ifconfig route netstat arp
    complete -c $cmd -f -a '(__rip_complete)'
end
