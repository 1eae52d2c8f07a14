# bash completion for rip, the multicall ip/brctl binary (also as `ip`
# and `brctl`).  Self-contained: needs bash only, not the bash-completion
# package.  Live names come from /sys/class/net (links, bridges, ports)
# and /run/netns (namespaces).
#
# The zsh (_rip) and fish (rip.fish) completions call _rip_print from this
# file, so the grammar lives in one place.
#
# Install:  install -Dm644 completions/rip.bash \
#               /usr/local/share/bash-completion/completions/rip
# (and links named ip and brctl next to it for on-demand loading), or
# simply `source` it from ~/.bashrc.

_RIP_NET=/sys/class/net

# ---- word lists ------------------------------------------------------------

_rip_ip_options='-Version -statistics -details -json -pretty -brief -oneline
 -family -4 -6 -0 -B -M -netns -Numeric -color -batch -force -all -resolve
 -loops -rcvbuf -timestamp -tshort -iec -human -help'
_rip_objects='address link neighbour netns route tuntap help'
_rip_link_kinds='amt bareudp bond bond_slave bridge bridge_slave dsa dummy
 erspan geneve gre gretap gtp ifb ip6erspan ip6gre ip6gretap ip6tnl ipip
 ipoib ipvlan ipvtap macsec macvlan macvtap netdevsim nlmon rmnet sit team
 team_slave vcan veth vlan vrf vti vxcan vxlan wwan xfrm virt_wifi'
_rip_onoff_words='arp dynamic multicast allmulticast promisc trailers carrier
 protodown spoofchk query_rss trust guard hairpin fastleave root_block learning
 flood proxy_arp proxy_arp_wifi mcast_fast_leave mcast_flood bcast_flood
 mcast_to_unicast neigh_suppress vlan_tunnel isolated locked reorder_hdr gvrp
 mvrp loose_binding bridge_binding'
_rip_link_addopts='link name txqueuelen txqlen address broadcast brd mtu index
 numtxqueues numrxqueues netns group up type'
_rip_link_setopts='up down arp dynamic multicast allmulticast promisc trailers
 carrier txqueuelen txqlen name address broadcast brd mtu netns link-netns
 link-netnsid alias vf xdp xdpgeneric xdpdrv xdpoffload master nomaster vrf
 addrgenmode protodown protodown_reason gso_max_size gso_max_segs gro_max_size
 group type'
_rip_kind_args_veth='peer'
_rip_kind_args_bridge='fdb_flush forward_delay hello_time max_age ageing_time
 stp_state priority group_fwd_mask group_address no_linklocal_learn
 vlan_filtering vlan_protocol vlan_default_pvid vlan_stats_enabled
 vlan_stats_per_port mcast_snooping mcast_vlan_snooping mcast_router
 mcast_query_use_ifaddr mcast_querier mcast_hash_elasticity mcast_hash_max
 mcast_last_member_count mcast_startup_query_count mcast_last_member_interval
 mcast_membership_interval mcast_querier_interval mcast_query_interval
 mcast_query_response_interval mcast_startup_query_interval
 mcast_stats_enabled mcast_igmp_version mcast_mld_version nf_call_iptables
 nf_call_ip6tables nf_call_arptables'
_rip_kind_args_bridge_slave='fdb_flush state priority cost guard hairpin
 fastleave root_block learning flood proxy_arp proxy_arp_wifi mcast_router
 mcast_fast_leave mcast_flood bcast_flood mcast_to_unicast group_fwd_mask
 neigh_suppress vlan_tunnel isolated locked backup_port nobackup_port'
_rip_kind_args_vlan='id protocol reorder_hdr gvrp mvrp loose_binding
 bridge_binding ingress-qos-map egress-qos-map'
_rip_kind_args_macvlan='mode flag macaddr bcqueuelen'
_rip_kind_args_macvtap=$_rip_kind_args_macvlan
_rip_kind_args_vxlan='id group remote local ttl tos df flowlabel dev dstport
 srcport learning nolearning proxy noproxy rsc norsc l2miss nol2miss l3miss
 nol3miss ageing maxaddress udpcsum noudpcsum udp6zerocsumtx noudp6zerocsumtx
 udp6zerocsumrx noudp6zerocsumrx remcsumtx noremcsumtx remcsumrx noremcsumrx
 external noexternal gbp gpe vnifilter novnifilter'
_rip_kind_args_bond='mode miimon updelay downdelay primary active_slave
 lacp_rate xmit_hash_policy min_links'
_rip_addr_modopts='dev peer broadcast brd anycast label scope metric valid_lft
 preferred_lft home mngtmpaddr nodad noprefixroute autojoin'
_rip_addr_showopts='dev scope to label master nomaster vrf type up permanent
 dynamic secondary primary temporary tentative -tentative deprecated
 -deprecated dadfailed -dadfailed'
_rip_route_types='unicast local broadcast multicast throw unreachable prohibit
 blackhole nat'
_rip_route_modopts='default via dev table metric preference src scope proto
 onlink nexthop nhid weight tos mtu advmss hoplimit window cwnd initcwnd
 initrwnd ssthresh reordering rtt rttvar rto_min quickack fastopen_no_cookie
 congctl features pref expires realms ttl-propagate encap'
_rip_route_showopts='table root match exact to dev via src proto type scope
 metric tos vrf cloned cached'
_rip_route_getopts='fibmatch from iif oif tos mark vrf uid ipproto sport dport
 to'
_rip_neigh_modopts='proxy lladdr nud dev router use managed extern_learn
 protocol'
_rip_neigh_showopts='proxy to dev nud vrf nomaster'
_rip_nud_states='permanent noarp reachable stale none incomplete delay probe
 failed'
_rip_tuntap_opts='dev name mode user group one_queue pi vnet_hdr multi_queue'
_rip_brctl_cmds='addbr delbr addif delif hairpin setageing setbridgeprio setfd
 sethello setmaxage setpathcost setportprio show showmacs showstp stp'

# ---- live names ------------------------------------------------------------

# Links of namespace $_rip_ns (-n NS, netns exec NS), asked from ip;
# "$@" are `link show` selectors.
_rip_ns_links() {
    "${_rip_cmd:-ip}" -n "$_rip_ns" -o link show "$@" 2>/dev/null |
        while IFS=': ' read -r _ name _; do printf '%s\n' "${name%%@*}"; done
}

# Links of the current namespace, or of namespace $_rip_ns.
_rip_links() {
    if [[ -n $_rip_ns ]]; then
        _rip_ns_links
        return
    fi
    local d
    for d in "$_RIP_NET"/*; do
        [[ -e $d ]] && printf '%s\n' "${d##*/}"
    done
}

_rip_bridges() {
    if [[ -n $_rip_ns ]]; then
        _rip_ns_links type bridge
        return
    fi
    local d
    for d in "$_RIP_NET"/*/bridge; do
        [[ -d $d ]] || continue
        d=${d%/bridge}
        printf '%s\n' "${d##*/}"
    done
}

_rip_ports() { # ports of bridge $1
    if [[ -n $_rip_ns ]]; then
        _rip_ns_links master "$1"
        return
    fi
    local d
    for d in "$_RIP_NET/$1"/brif/*; do
        [[ -e $d ]] && printf '%s\n' "${d##*/}"
    done
}

_rip_free_links() { # links that could become bridge ports
    if [[ -n $_rip_ns ]]; then
        local bridges n
        bridges=" $(_rip_ns_links type bridge | tr '\n' ' ') "
        _rip_ns_links nomaster | while IFS= read -r n; do
            [[ $n == lo || $bridges == *" $n "* ]] || printf '%s\n' "$n"
        done
        return
    fi
    local d n
    for d in "$_RIP_NET"/*; do
        n=${d##*/}
        [[ -e $d && $n != lo && ! -e $d/bridge && ! -e $d/brport ]] && printf '%s\n' "$n"
    done
}

_rip_netns() {
    local f
    for f in /run/netns/*; do
        [[ -e $f ]] && printf '%s\n' "${f##*/}"
    done
}

_rip_tables() {
    printf '%s\n' local main default all
    local f id name _
    for f in /etc/iproute2/rt_tables /etc/iproute2/rt_tables.d/*.conf; do
        [[ -r $f ]] || continue
        while read -r id name _; do
            case $id/$name in
                \#* | */ | */local | */main | */default | */unspec) ;;
                *) printf '%s\n' "$name" ;;
            esac
        done <"$f"
    done
}

# ---- helpers ---------------------------------------------------------------

# COMPREPLY += words of $1 (a list) starting with $cur.
_rip_add() {
    ((_rip_dry)) && return 0
    local w
    for w in $1; do
        [[ $w == "$_rip_cur"* ]] && COMPREPLY+=("$w")
    done
}

# COMPREPLY += lines printed by command "$@" starting with $cur.
_rip_add_lines() {
    ((_rip_dry)) && return 0
    local w
    while IFS= read -r w; do
        [[ -n $w && $w == "$_rip_cur"* ]] && COMPREPLY+=("$w")
    done < <("$@")
}

# COMPREPLY += compgen "$@" (e.g. -u for users).
_rip_compgen() {
    ((_rip_dry)) && return 0
    local w
    while IFS= read -r w; do
        [[ -n $w ]] && COMPREPLY+=("$w")
    done < <(compgen "$@" -- "$_rip_cur")
}

# iproute2's keyword matching: $1 abbreviates the first word of $2 it is a
# prefix of; prints that word.
_rip_match() {
    local w
    [[ -z $1 ]] && return 1
    for w in $2; do
        if [[ $w == "$1"* ]]; then
            printf '%s' "$w"
            return 0
        fi
    done
    return 1
}

# ---- ip --------------------------------------------------------------------

# Completes a keyword's value; returns 1 when $1 takes no value.
_rip_value() {
    local kw=$1 obj=$2 kind=$3
    case $kw in
        dev | link | master | iif | oif | backup_port | vrf)
            if [[ $obj == tuntap ]]; then return 0; fi
            _rip_add_lines _rip_links ;;
        netns | link-netns)
            _rip_add_lines _rip_netns ;;
        type)
            case $obj in
                route) _rip_add "$_rip_route_types" ;;
                *) _rip_add "$_rip_link_kinds" ;;
            esac ;;
        mode)
            case $obj/$kind in
                tuntap/*) _rip_add 'tun tap' ;;
                */macvlan | */macvtap) _rip_add 'private vepa bridge passthru source' ;;
                */bond) _rip_add 'balance-rr active-backup balance-xor broadcast 802.3ad balance-tlb balance-alb' ;;
                *) return 0 ;;
            esac ;;
        flag) _rip_add 'nopromisc nodst null' ;;
        macaddr) _rip_add 'add del set flush' ;;
        nud) _rip_add "$_rip_nud_states all" ;;
        scope) _rip_add 'host link global' ;;
        table) _rip_add_lines _rip_tables ;;
        proto | protocol)
            if [[ $kind == vlan ]]; then _rip_add '802.1Q 802.1ad'; else _rip_add 'kernel boot static dhcp'; fi ;;
        vlan_protocol) _rip_add '802.1Q 802.1ad' ;;
        pref) _rip_add 'low medium high' ;;
        addrgenmode) _rip_add 'eui64 none stable_secret random' ;;
        ttl-propagate) _rip_add 'enabled disabled' ;;
        xdp | xdpgeneric | xdpdrv | xdpoffload) _rip_add 'off object pinned' ;;
        encap) _rip_add 'mpls ip ip6 seg6 seg6local rpl ioam6 xfrm' ;;
        df) _rip_add 'unset set inherit' ;;
        state)
            if [[ $kind == bridge_slave ]]; then _rip_add '0 1 2 3 4'; else _rip_add 'auto enable disable'; fi ;;
        user) [[ $obj == tuntap ]] || return 1; _rip_compgen -u ;;
        group)
            case $obj in
                tuntap) _rip_compgen -g ;;
                link | address) _rip_add 'default' ;;
                *) return 0 ;;
            esac ;;
        peer) [[ $obj == address ]] || return 1 ;;
        name | txqueuelen | txqlen | address | broadcast | brd | mtu | index | \
        numtxqueues | numrxqueues | alias | link-netnsid | via | src | metric | \
        preference | priority | anycast | label | valid_lft | \
        preferred_lft | lladdr | to | root | match | exact | from | tos | mark | \
        uid | ipproto | sport | dport | weight | nhid | id | cost | \
        gso_max_size | gso_max_segs | gro_max_size | altname | remote | local | \
        dstport | ttl | flowlabel | target-nsid | nsid | protodown_reason | \
        advmss | hoplimit | window | cwnd | initcwnd | initrwnd | ssthresh | \
        reordering | rtt | rttvar | rto_min | realms | expires | congctl | \
        features | quickack | fastopen_no_cookie | forward_delay | hello_time | \
        max_age | ageing_time | ageing | maxaddress | stp_state | \
        vlan_filtering | group_fwd_mask | group_address | bcqueuelen)
            [[ $kw == valid_lft || $kw == preferred_lft ]] && _rip_add forever
            ;;
        *)
            if [[ " $_rip_onoff_words " == *[[:space:]]"$kw"[[:space:]]* ]]; then
                _rip_add 'on off'
            else
                return 1
            fi ;;
    esac
    return 0
}

# Words $1.. (the command line after OBJECT COMMAND, up to the word being
# completed) for object $obj and canonical command $sub.
_rip_ip_args() {
    local obj=$1 sub=$2
    shift 2
    local args=("$@") n=$# prev='' kind='' i peer=0
    ((n > 0)) && prev=${args[n - 1]}
    for ((i = 0; i < n; i++)); do
        case ${args[i]} in
            type) ((i + 1 < n)) && kind=${args[i + 1]} ;;
            peer) [[ $kind == veth ]] && peer=1 ;;
        esac
    done
    if [[ $prev == vf ]]; then return; fi

    case $obj/$sub in
        netns/exec)
            if ((_rip_all == 0 && n == 0)); then
                _rip_add_lines _rip_netns
                return
            fi
            local first=$((_rip_all ? 0 : 1))
            if ((n == first)); then
                _rip_compgen -c
            else
                # complete the inner command line as its own command,
                # whose links are those of the namespace
                ((_rip_all)) || _rip_ns=${args[0]}
                _rip_all=0
                _rip_complete_line "${args[@]:first}" "$_rip_cur"
            fi
            return ;;
        netns/delete | netns/pids | netns/set | netns/attach)
            if ((n == 0)); then _rip_add_lines _rip_netns; fi
            [[ $sub == set && n -eq 1 ]] && _rip_add auto
            return ;;
        netns/list-id)
            _rip_value "$prev" netns || _rip_add 'target-nsid nsid'
            return ;;
        netns/*) return ;;
    esac

    # a keyword waiting for its value?  Walk the words: a keyword that
    # takes a value consumes the next one.
    local expect=0
    for ((i = 0; i < n; i++)); do
        if ((expect)); then
            expect=0
        elif _rip_dry=1 _rip_value "${args[i]}" "$obj" "$kind"; then
            expect=1
        fi
    done
    if ((expect)); then
        _rip_value "$prev" "$obj" "$kind"
        return
    fi

    local kargs=''
    if [[ -n $kind ]]; then
        local v="_rip_kind_args_$kind"
        kargs=${!v}
    fi
    case $obj/$sub in
        link/add | link/change | link/replace)
            if ((peer)); then _rip_add "$_rip_link_addopts"
            else _rip_add "$_rip_link_addopts $kargs"; fi ;;
        link/set)
            if ((n == 0)); then
                _rip_add 'dev group'
                _rip_add_lines _rip_links
            else
                _rip_add "$_rip_link_setopts $kargs"
            fi ;;
        link/delete)
            ((n == 0)) && _rip_add_lines _rip_links
            _rip_add 'dev group type' ;;
        link/show)
            ((n == 0)) && _rip_add_lines _rip_links
            _rip_add 'dev group up master nomaster vrf type' ;;
        link/property)
            if ((n == 0)); then _rip_add 'add del'; else _rip_add 'dev altname'; fi ;;
        link/help) _rip_add "$_rip_link_kinds" ;;
        link/xstats) _rip_add 'type' ;;
        link/afstats) _rip_add 'dev' ;;
        address/add | address/change | address/replace | address/delete)
            _rip_add "$_rip_addr_modopts" ;;
        address/show | address/flush | address/save)
            ((n == 0)) && [[ $sub == show ]] && _rip_add_lines _rip_links
            _rip_add "$_rip_addr_showopts" ;;
        route/add | route/change | route/append | route/replace | \
        route/prepend | route/delete | route/test)
            ((n == 0)) && _rip_add "$_rip_route_types"
            _rip_add "$_rip_route_modopts" ;;
        route/show | route/flush | route/save)
            _rip_add "$_rip_route_showopts" ;;
        route/get) _rip_add "$_rip_route_getopts" ;;
        neighbour/add | neighbour/change | neighbour/replace | neighbour/delete)
            _rip_add "$_rip_neigh_modopts" ;;
        neighbour/show | neighbour/flush)
            _rip_add "$_rip_neigh_showopts" ;;
        neighbour/get) _rip_add 'proxy dev' ;;
        tuntap/add | tuntap/delete) _rip_add "$_rip_tuntap_opts" ;;
    esac
}

# The commands of each object, in iproute2's matching order.
_rip_commands() {
    case $1 in
        link) echo 'add change replace delete set show list lst xstats afstats property help' ;;
        address) echo 'add change chg replace delete list show lst flush save showdump restore help' ;;
        route) echo 'add change chg replace prepend append test delete list show lst get flush save restore showdump help' ;;
        neighbour) echo 'add change chg replace delete list show lst get flush help' ;;
        netns) echo 'list show lst list-id monitor add set delete identify pids exec attach help' ;;
        tuntap) echo 'add delete del show list lst help' ;;
    esac
}

_rip_ip() { # words after the command name, the last one being completed
    local words=("$@") n=$(($# - 1)) i=0 w
    if [[ $_rip_cmd == rip && ${words[0]} == --install ]]; then
        ((n == 1)) && _rip_compgen -d
        return
    fi
    # global options; those with a value consume the next word
    while ((i < n)); do
        w=${words[i]}
        [[ $w == -* ]] || break
        w=${w#-}
        w=${w#-}
        case $w in
            a | all) _rip_all=1 ;;
            n | ne | net | netn | netns | f | fa | fam | fami | famil | family | \
            l | lo | loo | loop | loops | rc | rcv | rcvb | rcvbu | rcvbuf | \
            b | ba | bat | batc | batch)
                if ((i + 1 == n)); then
                    case $w in
                        n*) _rip_add_lines _rip_netns ;;
                        f*) _rip_add 'inet inet6 link bridge mpls' ;;
                        b*) _rip_compgen -f ;;
                    esac
                    return
                fi
                [[ $w == n* ]] && _rip_ns=${words[i + 1]}
                ((i += 2))
                continue ;;
        esac
        ((i++))
    done
    if ((i == n)); then # completing an option or the object
        if [[ $_rip_cur == -* ]]; then
            _rip_add "$_rip_ip_options -s -d -j -p -br -o -n -N -c -b -a -r -l -rc -t -ts -V -h -f"
            [[ $_rip_cmd == rip ]] && ((n == 0)) && _rip_add --install
        else
            _rip_add "$_rip_objects"
        fi
        return
    fi
    local obj
    obj=$(_rip_match "${words[i]}" 'address addrlabel maddress route rule neighbor neighbour
        ntable ntbl link l2tp fou ila macsec tunnel tunl tuntap tap token tcpmetrics
        tcp_metrics monitor xfrm mroute mrule netns netconf vrf sr nexthop mptcp ioam
        stats help') || return
    case $obj in
        neighbor) obj=neighbour ;;
        tap) obj=tuntap ;;
        address | link | route | neighbour | netns | tuntap) ;;
        *) return ;;
    esac
    ((i++))
    local cmds
    cmds=$(_rip_commands "$obj")
    if ((i == n)); then
        _rip_add "$cmds"
        return
    fi
    local sub
    sub=$(_rip_match "${words[i]}" "$cmds") || return
    case $sub in
        list | lst) sub=show ;;
        chg) sub=change ;;
        del) sub=delete ;;
    esac
    ((i++))
    _rip_ip_args "$obj" "$sub" "${words[@]:i:n-i}"
}

# ---- brctl -----------------------------------------------------------------

_rip_brctl() {
    local words=("$@") n=$(($# - 1))
    if ((n == 0)); then
        _rip_add "$_rip_brctl_cmds"
        return
    fi
    local cmd=${words[0]}
    case $cmd/$n in
        delbr/1 | show/* | showmacs/1 | showstp/1 | stp/1 | setageing/1 | \
        setbridgeprio/1 | setfd/1 | sethello/1 | setmaxage/1 | \
        setpathcost/1 | setportprio/1 | hairpin/1 | addif/1 | delif/1)
            _rip_add_lines _rip_bridges ;;
        addif/*) _rip_add_lines _rip_free_links ;;
        delif/* | setpathcost/2 | setportprio/2 | hairpin/2)
            _rip_add_lines _rip_ports "${words[1]}" ;;
        stp/2 | hairpin/3) _rip_add 'on off' ;;
    esac
}

# ---- entry points ----------------------------------------------------------

# Completes a whole command line: words "$@", the last one being completed
# (may be empty).  Dispatches on the basename of the first word.
_rip_complete_line() {
    local name=${1##*/}
    shift
    case $name in
        brctl) _rip_cmd=ip; _rip_brctl "$@" ;;
        ip | rip) _rip_cmd=$name; _rip_ip "$@" ;;
        *) _rip_compgen -f ;;
    esac
}

# The `complete -F` hook: reads COMP_WORDS and COMP_CWORD.
_rip() {
    COMPREPLY=()
    local _rip_cur=${COMP_WORDS[COMP_CWORD]} _rip_ns='' _rip_all=0 _rip_cmd=rip
    _rip_complete_line "${COMP_WORDS[@]:0:COMP_CWORD}" "$_rip_cur"
}

# For other shells: _rip_print WORD... (the last is the word being
# completed) prints one candidate a line.
_rip_print() {
    local COMP_WORDS=("$@") COMP_CWORD=$(($# - 1)) COMPREPLY=()
    _rip
    ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}"
    return 0
}

complete -F _rip rip ip brctl
