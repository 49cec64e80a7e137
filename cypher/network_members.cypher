// title: Members of a network
// title_tr: Bir ağın üyeleri
// description: Cities and organisations that are members of a network, with their role,
//   since when and membership status. The network is an id, an acronym or a name;
//   empty lists the members of every network.
// param: network string
// param: live_only bool false
MATCH (member)-[m:MEMBER_OF]->(n:Network)
WHERE ($network IS NULL
       OR n.id = $network
       OR toLower(n.acronym) = toLower($network)
       OR toLower(n.name) = toLower($network))
  AND (NOT $live_only OR coalesce(m.status, '') IN ['', 'active'])
RETURN n.id AS network,
       coalesce(n.acronym, n.name) AS network_name,
       member.id AS member,
       member.name AS member_name,
       [l IN labels(member) WHERE l <> 'Entity'][0] AS kind,
       member.country AS country,
       m.role AS role,
       m.since AS since,
       m.status AS status
ORDER BY network, member
