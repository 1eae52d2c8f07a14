# bash completion for rip, the multicall binary that is iproute2's ip,
# bridge-utils' brctl and net-tools' ifconfig, route, netstat and arp
# (also under each of those names).  Self-contained: needs bash only, not
# the bash-completion package.  Live names come from /sys/class/net
# (links, bridges, ports), /run/netns (namespaces), /etc/iproute2 (table
# and protocol names), `ip nexthop show` (nexthop ids) and /proc/net/arp.
#
# The zsh (_rip) and fish (rip.fish) completions call _rip_print from this
# file, so the grammar lives in one place.
#
# Install:  install -Dm644 completions/rip.bash \
#               /usr/local/share/bash-completion/completions/rip
# (and links named ip, brctl, ifconfig, route, netstat and arp next to it
# for on-demand loading), or simply `source` it from ~/.bashrc.

_RIP_NET=/sys/class/net

# ---- word lists ------------------------------------------------------------

_rip_ip_options='-Version -statistics -details -json -pretty -brief -oneline
 -family -4 -6 -0 -B -M -netns -Numeric -color -batch -force -all -resolve
 -loops -rcvbuf -timestamp -tshort -iec -human -help -echo'
_rip_objects='address addrlabel fou help ila ioam l2tp link macsec maddress
 monitor mptcp mroute mrule neighbour netconf netns nexthop ntable route rule
 sr stats tcpmetrics token tunnel tuntap vrf xfrm'
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
_rip_rule_selectors='not from to tos dsfield fwmark iif oif pref priority
 order l3mdev uidrange ipproto sport dport'
_rip_rule_actions='table lookup protocol nat realms goto nop
 suppress_prefixlength suppress_ifgroup blackhole unreachable prohibit'
_rip_nh_addopts='id via dev onlink blackhole encap group fdb type buckets
 idle_timer unbalanced_timer protocol'
_rip_nh_showopts='id dev vrf master groups fdb protocol'
_rip_monitor_objs='all address link mroute neigh netconf nexthop nsid prefix
 route rule stats'
_rip_monitor_opts='file label all-nsid dev'
_rip_ntable_parms='dev thresh1 thresh2 thresh3 gc_int base_reachable retrans
 gc_stale delay_probe queue app_probes ucast_probes mcast_probes
 anycast_delay proxy_delay proxy_queue locktime'
_rip_tunnel_opts='mode remote local seq iseq oseq key ikey okey csum icsum
 ocsum prl-default prl-nodefault prl-delete 6rd-prefix 6rd-relay_prefix
 6rd-reset ttl tos hoplimit pmtudisc nopmtudisc dev'
_rip_l2tp_tunnel_opts='remote local tunnel_id peer_tunnel_id encap udp_sport
 udp_dport udp_csum udp6_csum_tx udp6_csum_rx'
_rip_l2tp_session_opts='name tunnel_id session_id peer_session_id cookie
 peer_cookie seq l2spec_type'
_rip_fou_opts='port ipproto gue local peer peer_port dev'
_rip_macsec_opts='pn xpn salt ssci on off key'
_rip_mptcp_flags='signal subflow backup fullmesh'
_rip_xfrm_state_opts='src dst proto spi mode mark mask reqid seq
 replay-window replay-seq replay-oseq flag sel encap coa ctx extra-flag
 offload output-mark if_id tfcpad enc auth auth-trunc aead comp limit nokeys'
_rip_xfrm_policy_opts='src dst proto sport dport dev dir ctx mark mask index
 ptype action priority flag if_id tmpl limit nosock'
_rip_ifconfig_opts='up down add del broadcast -broadcast pointopoint
 -pointopoint netmask dstaddr tunnel outfill keepalive hw mtu trailers
 -trailers arp -arp allmulti -allmulti multicast promisc -promisc mem_start
 io_addr irq media txqueuelen name dynamic -dynamic inet inet6'
_rip_route_nt_opts='netmask gw metric mss window irtt reject mod dyn
 reinstate dev'
_rip_netstat_opts='-r --route -i --interfaces -g --groups -s --statistics -M
 --masquerade -v --verbose -W --wide -n --numeric --numeric-hosts
 --numeric-ports --numeric-users -N --symbolic -e --extend -p --programs -o
 --timers -c --continuous -l --listening -a --all -F --fib -C --cache -Z
 --context -t --tcp -u --udp -U --udplite -S --sctp -w --raw -x --unix -4 -6
 -A --inet --inet6 -V --version -h --help'
_rip_arp_opts='-a -e -s --set -d --delete -v --verbose -n --numeric -i
 --device -D --use-device -A -p --protocol -f --file -H --hw-type -Ds -V
 --version -h --help'
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

# Devices that can be a master (link set X master M): bridges, bonds and
# vrfs.
_rip_masters() {
    if [[ -n $_rip_ns ]]; then
        local t
        for t in bridge bond vrf; do _rip_ns_links type "$t"; done
        return
    fi
    local d
    for d in "$_RIP_NET"/*; do
        [[ -e $d ]] || continue
        if [[ -d $d/bridge || -d $d/bonding ]] || _rip_devtype "$d" vrf; then
            printf '%s\n' "${d##*/}"
        fi
    done
}

_rip_vrfs() {
    if [[ -n $_rip_ns ]]; then
        _rip_ns_links type vrf
        return
    fi
    local d
    for d in "$_RIP_NET"/*; do
        [[ -e $d ]] && _rip_devtype "$d" vrf && printf '%s\n' "${d##*/}"
    done
}

# True when sysfs device directory $1 says DEVTYPE=$2.
_rip_devtype() {
    local line
    [[ -r $1/uevent ]] || return 1
    while IFS= read -r line; do
        [[ $line == "DEVTYPE=$2" ]] && return 0
    done <"$1/uevent"
    return 1
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

_rip_tables() { # with $1 = noall: without `all` (no table to add to)
    printf '%s\n' local main default
    [[ $1 == noall ]] || echo all
    _rip_names rt_tables 'local main default unspec'
}

# Names of an iproute2 name file /etc/iproute2/$1 (and $1.d/*.conf),
# without those listed in $2.
_rip_names() {
    local f id name _
    for f in "/etc/iproute2/$1" "/etc/iproute2/$1.d"/*.conf; do
        [[ -r $f ]] || continue
        while read -r id name _; do
            case $id in \#* | '') continue ;; esac
            [[ -z $name || " $2 " == *" $name "* ]] || printf '%s\n' "$name"
        done <"$f"
    done
}

_rip_protos() { _rip_names rt_protos unspec; }

# Ids of the existing nexthops (of namespace $_rip_ns).
_rip_nh_ids() {
    local cmd=("${_rip_cmd:-ip}")
    [[ $cmd == rip || $cmd == ip ]] || cmd=(ip)
    [[ -n $_rip_ns ]] && cmd+=(-n "$_rip_ns")
    "${cmd[@]}" nexthop show 2>/dev/null |
        while read -r kw id _; do [[ $kw == id ]] && printf '%s\n' "$id"; done
}

# Addresses in the ARP cache.
_rip_arp_hosts() {
    local ip _
    [[ -r /proc/net/arp ]] || return
    { read -r _; while read -r ip _; do printf '%s\n' "$ip"; done; } </proc/net/arp
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
    case $1 in -f) _rip_want=files ;; -d) _rip_want=dirs ;; esac
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
# $_rip_sub is the canonical command.
_rip_value() {
    local kw=$1 obj=$2 kind=$3
    case $obj/$kw in
        nexthop/id | nexthop/nhid | route/nhid)
            [[ $obj/$_rip_sub == nexthop/add ]] || _rip_add_lines _rip_nh_ids
            return 0 ;;
        nexthop/group)
            # id[,weight]/id[,weight]/...: the ids after the last /
            ((_rip_dry)) && return 0
            local head=${_rip_cur%/*} w
            [[ $_rip_cur == */* ]] || head=''
            while IFS= read -r w; do
                [[ -n $head ]] && w=$head/$w
                [[ $w == "$_rip_cur"* ]] && COMPREPLY+=("$w")
            done < <(_rip_nh_ids)
            return 0 ;;
        nexthop/type) _rip_add 'mpath resilient'; return 0 ;;
        nexthop/encap) _rip_add 'mpls'; return 0 ;;
        stats/group) _rip_add 'link xstats xstats_slave offload afstats'; return 0 ;;
        stats/subgroup) _rip_add 'bridge bond cpu_hit hw_stats_info l3_stats mpls'; return 0 ;;
        stats/suite) _rip_add 'stp mcast 802.3ad'; return 0 ;;
        stats/l3_stats) _rip_add 'on off'; return 0 ;;
        tunnel/mode) _rip_add 'gre ipip isatap sit vti ip6ip6 ipip6 ip6gre vti6 any'; return 0 ;;
        tunnel/ttl | tunnel/hoplimit) _rip_add inherit; return 0 ;;
        tunnel/tos) _rip_add inherit; return 0 ;;
        tunnel/key | tunnel/ikey | tunnel/okey | tunnel/prl-default | \
        tunnel/prl-nodefault | tunnel/prl-delete | tunnel/6rd-prefix | \
        tunnel/6rd-relay_prefix) return 0 ;;
        tunnel/seq | tunnel/csum | tunnel/iseq | tunnel/oseq) return 1 ;;
        l2tp/encap) _rip_add 'ip udp'; return 0 ;;
        l2tp/seq) _rip_add 'none send recv both'; return 0 ;;
        l2tp/l2spec_type) _rip_add 'none default'; return 0 ;;
        l2tp/udp_csum | l2tp/udp6_csum_tx | l2tp/udp6_csum_rx) _rip_add 'on off'; return 0 ;;
        l2tp/tunnel_id | l2tp/peer_tunnel_id | l2tp/session_id | \
        l2tp/peer_session_id | l2tp/cookie | l2tp/peer_cookie | \
        l2tp/udp_sport | l2tp/udp_dport) return 0 ;;
        fou/peer | fou/port | fou/peer_port | ila/loc_match | ila/loc) return 0 ;;
        ila/csum-mode) _rip_add 'adj-transport neutral-map neutral-map-auto no-action'; return 0 ;;
        ila/ident-type) _rip_add 'luid use-format'; return 0 ;;
        macsec/sa) _rip_add '0 1 2 3'; return 0 ;;
        macsec/pn | macsec/xpn | macsec/salt | macsec/ssci | macsec/sci | \
        macsec/port) return 0 ;;
        macsec/key) return 0 ;;
        mptcp/port | mptcp/subflows | mptcp/add_addr_accepted) return 0 ;;
        ioam/data | ioam/wide) return 0 ;;
        ioam/schema) _rip_add none; return 0 ;;
        ntable/name) _rip_add 'arp_cache ndisc_cache'; return 0 ;;
        ntable/thresh1 | ntable/thresh2 | ntable/thresh3 | ntable/gc_int | \
        ntable/base_reachable | ntable/retrans | ntable/gc_stale | \
        ntable/delay_probe | ntable/queue | ntable/app_probes | \
        ntable/ucast_probes | ntable/mcast_probes | ntable/anycast_delay | \
        ntable/proxy_delay | ntable/proxy_queue | ntable/locktime) return 0 ;;
        addrlabel/prefix) return 0 ;;
        rule/fwmark | rule/pref | rule/order | rule/uidrange | rule/nat | \
        rule/goto | rule/suppress_prefixlength | rule/suppress_ifgroup | \
        rule/dsfield) return 0 ;;
        xfrm/src | xfrm/dst | xfrm/spi | xfrm/reqid | xfrm/seq | xfrm/mark | \
        xfrm/mask | xfrm/replay-window | xfrm/replay-seq | xfrm/replay-oseq | \
        xfrm/sel | xfrm/coa | xfrm/ctx | xfrm/output-mark | xfrm/if_id | \
        xfrm/tfcpad | xfrm/index | xfrm/priority | xfrm/limit | \
        xfrm/extra-flag) return 0 ;;
        xfrm/proto) _rip_add 'esp ah comp route2 hao'; return 0 ;;
        xfrm/mode) _rip_add 'transport tunnel beet ro in_trigger'; return 0 ;;
        xfrm/dir) _rip_add 'in out fwd'; return 0 ;;
        xfrm/ptype) _rip_add 'main sub'; return 0 ;;
        xfrm/action) _rip_add 'allow block'; return 0 ;;
        xfrm/flag) _rip_add 'noecn decap-dscp nopmtudisc wildrecv icmp af-unspec align4 esn localok'; return 0 ;;
    esac
    case $kw in
        dev | link | iif | oif | backup_port)
            if [[ $obj == tuntap ]]; then return 0; fi
            _rip_add_lines _rip_links ;;
        master)
            _rip_add_lines _rip_masters ;;
        vrf)
            _rip_add_lines _rip_vrfs ;;
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
        table | lookup)
            if [[ $obj/$_rip_sub == rule/add || $obj/$_rip_sub == rule/delete ]]; then
                _rip_add_lines _rip_tables noall
            else
                _rip_add_lines _rip_tables
            fi ;;
        proto | protocol)
            if [[ $kind == vlan ]]; then _rip_add '802.1Q 802.1ad'; else _rip_add_lines _rip_protos; fi ;;
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
        vlan_filtering | group_fwd_mask | group_address | bcqueuelen | \
        buckets | idle_timer | unbalanced_timer)
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
    local args=("$@") n=$# prev='' kind='' i peer=0 _rip_sub=$sub
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
        monitor/*)
            # its objects are words, not keywords with values
            case $prev in
                dev) _rip_add_lines _rip_links ;;
                file) _rip_compgen -f ;;
                *) _rip_add "$_rip_monitor_objs $_rip_monitor_opts" ;;
            esac
            return ;;
        vrf/show | vrf/pids)
            ((n == 0)) && _rip_add_lines _rip_vrfs
            return ;;
        vrf/exec)
            if ((n == 0)); then
                _rip_add_lines _rip_vrfs
            elif ((n == 1)); then
                _rip_compgen -c
            else
                _rip_complete_line "${args[@]:1}" "$_rip_cur"
            fi
            return ;;
        vrf/*) return ;;
        macsec/show | macsec/offload)
            if ((n == 0)); then
                _rip_add_lines _rip_links
            elif [[ $sub == offload && n -eq 1 ]]; then
                _rip_add 'off phy mac'
            fi
            return ;;
        macsec/add | macsec/set | macsec/delete)
            if ((n == 0)); then _rip_add_lines _rip_links; return; fi
            if ((n == 1)); then _rip_add 'tx rx'; return; fi ;;
        sr/hmac)
            # hmac { show | set KEYID ALGO }
            ((n == 0)) && _rip_add 'show set'
            ((n == 2)) && [[ ${args[0]} == set ]] && _rip_add 'sha1 sha256'
            return ;;
        tcpmetrics/*)
            ((n == 0)) && _rip_add address
            return ;;
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
        rule/add | rule/delete)
            _rip_add "$_rip_rule_selectors $_rip_rule_actions" ;;
        rule/show | rule/flush)
            _rip_add "$_rip_rule_selectors table lookup protocol" ;;
        nexthop/add | nexthop/replace) _rip_add "$_rip_nh_addopts" ;;
        nexthop/delete | nexthop/get) ((n == 0)) && _rip_add id ;;
        nexthop/show | nexthop/flush) _rip_add "$_rip_nh_showopts" ;;
        nexthop/bucket)
            if ((n == 0)); then
                _rip_add 'list show get'
            elif [[ ${args[0]} == g* ]]; then
                _rip_add 'id index'
            else
                _rip_add "$_rip_nh_showopts nhid"
            fi ;;
        maddress/add | maddress/delete) _rip_add dev ;;
        maddress/show | netconf/show | token/*) _rip_add dev ;;
        addrlabel/add | addrlabel/delete) _rip_add 'prefix dev label' ;;
        ntable/change) _rip_add "name $_rip_ntable_parms" ;;
        ntable/show) _rip_add 'dev name' ;;
        mroute/show) _rip_add 'to from iif table' ;;
        stats/show) _rip_add 'dev group subgroup suite' ;;
        stats/set)
            _rip_add 'dev l3_stats' ;;
        tunnel/*)
            ((n == 0)) && [[ $sub != add ]] && _rip_add_lines _rip_links
            _rip_add "name $_rip_tunnel_opts" ;;
        l2tp/*)
            if ((n == 0)); then
                _rip_add 'tunnel session'
            elif [[ ${args[0]} == t* ]]; then
                if [[ $sub == add ]]; then _rip_add "$_rip_l2tp_tunnel_opts"; else _rip_add tunnel_id; fi
            else
                if [[ $sub == add ]]; then _rip_add "$_rip_l2tp_session_opts"; else _rip_add 'tunnel_id session_id'; fi
            fi ;;
        fou/add | fou/delete) _rip_add "$_rip_fou_opts" ;;
        ila/add | ila/delete) _rip_add 'loc_match loc dev csum-mode ident-type' ;;
        macsec/*)
            _rip_add "$_rip_macsec_opts sa sci port address" ;;
        mptcp/endpoint)
            if ((n == 0)); then _rip_add 'add delete change show flush'
            else _rip_add "dev id port $_rip_mptcp_flags nobackup nofullmesh"; fi ;;
        mptcp/limits)
            if ((n == 0)); then _rip_add 'set show'
            else _rip_add 'subflows add_addr_accepted'; fi ;;
        ioam/namespace | ioam/schema)
            if ((n == 0)); then
                _rip_add 'show add del'
                [[ $sub == namespace ]] && _rip_add set
            elif [[ $sub == namespace && ${args[0]} == add && n -ge 2 ]]; then
                _rip_add 'data wide'
            elif [[ $sub == namespace && ${args[0]} == set && n -eq 2 ]]; then
                _rip_add schema
            fi ;;
        sr/tunsrc) ((n == 0)) && _rip_add 'show set' ;;
        xfrm/state)
            if ((n == 0)); then _rip_add 'add update allocspi delete get deleteall list flush count help'
            else _rip_add "$_rip_xfrm_state_opts"; fi ;;
        xfrm/policy)
            if ((n == 0)); then _rip_add 'add update delete get deleteall list flush count set setdefault getdefault help'
            else _rip_add "$_rip_xfrm_policy_opts"; fi ;;
    esac
}

# The commands of each object, in iproute2's matching order (for ioam,
# mptcp, sr, xfrm: their sub-objects).
_rip_commands() {
    case $1 in
        link) echo 'add change replace delete set show list lst xstats afstats property help' ;;
        address) echo 'add change chg replace delete list show lst flush save showdump restore help' ;;
        route) echo 'add change chg replace prepend append test delete list show lst get flush save restore showdump help' ;;
        rule) echo 'list show lst add delete flush save restore help' ;;
        neighbour) echo 'add change chg replace delete list show lst get flush help' ;;
        netns) echo 'list show lst list-id monitor add set delete identify pids exec attach help' ;;
        tuntap) echo 'add delete del show list lst help' ;;
        nexthop) echo 'add replace delete list show lst get flush bucket help' ;;
        maddress) echo 'add delete list show lst help' ;;
        netconf) echo 'show list lst help' ;;
        addrlabel) echo 'list lst show add delete flush help' ;;
        ntable) echo 'change show list lst help' ;;
        token) echo 'list show lst get set add delete help' ;;
        mroute) echo 'list show lst help' ;;
        tcpmetrics) echo 'show list lst flush delete help' ;;
        stats) echo 'show set help' ;;
        ioam) echo 'namespace schema help' ;;
        mptcp) echo 'endpoint limits monitor help' ;;
        sr) echo 'hmac tunsrc help' ;;
        xfrm) echo 'state policy monitor help' ;;
        l2tp) echo 'add delete show list help' ;;
        fou) echo 'add delete show help' ;;
        ila) echo 'add delete list show help' ;;
        macsec) echo 'add set delete show offload help' ;;
        vrf) echo 'show list exec identify pids help' ;;
        tunnel) echo 'add change delete show list lst prl 6rd help' ;;
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
        ntbl) obj=ntable ;;
        tunl) obj=tunnel ;;
        tcp_metrics) obj=tcpmetrics ;;
        mrule) obj=rule ;;
        help) return ;;
    esac
    ((i++))
    if [[ $obj == monitor ]]; then
        _rip_ip_args monitor all "${words[@]:i:n-i}"
        return
    fi
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

# ---- net-tools: ifconfig, route, netstat, arp -----------------------------

_rip_ifconfig() {
    local words=("$@") n=$(($# - 1)) i=0 prev=''
    ((n > 0)) && prev=${words[n - 1]}
    while ((i < n)) && [[ ${words[i]} == -* ]]; do ((i++)); done
    if ((i == n)); then # options, then the interface
        if [[ $_rip_cur == -* ]]; then
            _rip_add '-a -s -v --help'
        else
            _rip_add_lines _rip_links
        fi
        return
    fi
    case $prev in
        hw) _rip_add 'ether loop slip cslip slip6 cslip6 adaptive ash ax25 netrom rose tunnel ppp hdlc lapb arcnet dlci frad sit fddi hippi irda ec x25 eui64 infiniband' ;;
        add | del | broadcast | pointopoint | netmask | dstaddr | tunnel | \
        outfill | keepalive | mtu | mem_start | io_addr | irq | media | \
        txqueuelen | name | inet | inet6) ;;
        *)
            # after `hw TYPE` comes the address
            ((n >= 2)) && [[ ${words[n - 2]} == hw ]] && return
            _rip_add "$_rip_ifconfig_opts" ;;
    esac
}

_rip_route_nt() {
    local words=("$@") n=$(($# - 1)) i=0 prev=''
    ((n > 0)) && prev=${words[n - 1]}
    while ((i < n)); do
        case ${words[i]} in
            -A) ((i + 1 == n)) && { _rip_add 'inet inet6'; return; }
                ((i += 2)) ;;
            -*) ((i++)) ;;
            *) break ;;
        esac
    done
    if ((i == n)); then
        if [[ $_rip_cur == -* ]]; then
            _rip_add '-n -e -ee -v -F -C -A -4 -6 --inet --inet6 --numeric --extend --verbose --fib --cache -h --help -V --version'
        else
            _rip_add 'add del flush'
        fi
        return
    fi
    case ${words[i]} in add | del) ;; *) return ;; esac
    ((i++))
    if ((i == n)); then # the target
        _rip_add '-net -host default'
        return
    fi
    case $prev in
        dev) _rip_add_lines _rip_links ;;
        -net | -host | netmask | gw | metric | mss | window | irtt) ;;
        *) _rip_add "$_rip_route_nt_opts" ;;
    esac
}

_rip_netstat() {
    local n=$(($# - 1)) prev=''
    ((n > 0)) && prev=${*:n:1}
    if [[ $prev == -A || $prev == --protocol ]]; then
        _rip_add 'inet inet6 unix ax25 netrom rose ipx ddp x25'
        return
    fi
    _rip_add "$_rip_netstat_opts"
}

_rip_arp() {
    local words=("$@") n=$(($# - 1)) prev='' i mode=''
    ((n > 0)) && prev=${words[n - 1]}
    for ((i = 0; i < n; i++)); do
        case ${words[i]} in
            -s | --set) mode=set ;;
            -Ds) mode=dset ;;
            -d | --delete) mode=del ;;
        esac
    done
    case $prev in
        -i | --device) _rip_add_lines _rip_links; return ;;
        -H | --hw-type | -t) _rip_add 'ether arcnet pronet ax25 netrom rose tr fddi infiniband'; return ;;
        -A | -p | --protocol) _rip_add 'inet'; return ;;
        -f | --file) _rip_compgen -f; return ;;
        -d | --delete) _rip_add_lines _rip_arp_hosts; return ;;
        -s | --set | -Ds) return ;;
        netmask) return ;;
    esac
    if [[ $_rip_cur == -* ]]; then
        _rip_add "$_rip_arp_opts"
        return
    fi
    case $mode in
        set) ((n >= 2)) && [[ ${words[n - 2]} != -s && ${words[n - 2]} != --set ]] &&
            _rip_add 'temp pub netmask' ;;
        dset)
            if [[ ${words[n - 2]} == -Ds ]]; then _rip_add_lines _rip_links
            else _rip_add 'netmask pub'; fi ;;
        del) _rip_add pub ;;
        *) _rip_add_lines _rip_arp_hosts ;;
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
        ifconfig) _rip_cmd=ip; _rip_ifconfig "$@" ;;
        route) _rip_cmd=ip; _rip_route_nt "$@" ;;
        netstat) _rip_cmd=ip; _rip_netstat "$@" ;;
        arp) _rip_cmd=ip; _rip_arp "$@" ;;
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

# For other shells: _rip_print [--mark-files] WORD... (the last is the
# word being completed) prints one candidate a line.  With --mark-files,
# a completion of file (directory) names prints just `:files:`
# (`:dirs:`), for the shell to complete them its own way.
_rip_print() {
    local mark=0
    [[ $1 == --mark-files ]] && { mark=1; shift; }
    local COMP_WORDS=("$@") COMP_CWORD=$(($# - 1)) COMPREPLY=() _rip_want=''
    _rip
    if ((mark)) && [[ -n $_rip_want ]]; then
        printf ':%s:\n' "$_rip_want"
        return 0
    fi
    ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}"
    return 0
}

complete -F _rip rip ip brctl ifconfig route netstat arp
