-- Credit-weighted investment screening (DOMAIN.md §9): the park's industrial chain map and the
-- officer's saved screenings.

create table industry_chains (
    id           bigint generated always as identity primary key,
    code         varchar(32) collate "C" not null unique,
    name         varchar(100) not null,
    description  text,
    updated_at   timestamptz not null default now()
);

-- A segment names the GB/T 4754 codes it covers; a firm belongs to it when its industry code
-- starts with one of them (C33 covers C3311).
create table chain_segments (
    id              bigint generated always as identity primary key,
    chain_id        bigint       not null references industry_chains (id) on delete cascade,
    code            varchar(32) collate "C" not null,
    name            varchar(100) not null,
    stage           varchar(10)  not null check (stage in ('UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM')),
    industry_codes  text[]       not null,
    unique (chain_id, code)
);

-- The default map of a steel-based park (舞钢): special steel and equipment, new materials.
insert into industry_chains (code, name, description) values
    ('STEEL', '特钢及装备制造产业链', '从炼铁炼钢到钢材深加工与装备制造'),
    ('MATERIALS', '新材料产业链', '化工原料、新型材料与电子材料');
insert into chain_segments (chain_id, code, name, stage, industry_codes)
select c.id, s.code, s.name, s.stage, s.codes from industry_chains c join (values
    ('STEEL', 'IRON', '炼铁与原料', 'UPSTREAM', array['B08', 'C3110']),
    ('STEEL', 'STEELMAKING', '炼钢与特钢', 'MIDSTREAM', array['C3120', 'C3130']),
    ('STEEL', 'STRUCTURE', '钢结构与金属制品', 'DOWNSTREAM', array['C33']),
    ('STEEL', 'EQUIPMENT', '通用与专用设备', 'DOWNSTREAM', array['C34', 'C35']),
    ('STEEL', 'ELECTRIC', '电气机械', 'DOWNSTREAM', array['C38']),
    ('MATERIALS', 'CHEMICALS', '化工原料', 'UPSTREAM', array['C26']),
    ('MATERIALS', 'NEWMATERIAL', '新型材料', 'MIDSTREAM', array['C3099', 'C29']),
    ('MATERIALS', 'ELECTRONIC', '电子材料与器件', 'DOWNSTREAM', array['C3985', 'C39'])
) as s(chain, code, name, stage, codes) on s.chain = c.code;

create table screenings (
    id          bigint generated always as identity primary key,
    params      jsonb        not null,
    summary     jsonb        not null,
    created_by  varchar(64)  not null,
    created_at  timestamptz  not null default now()
);

create table shortlist (
    screening_id  bigint       not null references screenings (id) on delete cascade,
    uscc          char(18) collate "C" not null,
    note          text,
    added_by      varchar(64)  not null,
    added_at      timestamptz  not null default now(),
    primary key (screening_id, uscc)
);

-- Credit score 0..100 of every firm on a day (DOMAIN.md §9 "credit score"): the published rating's
-- score when one is valid, else 60, plus 5 per positive record (at most 4), minus 15 per counting
-- SERIOUS record of the last 3 years, 8 per GENERAL and 3 per MINOR of the last year, plus 10 for a
-- net margin of 5 % or more in the latest statement, minus 10 for a loss. Set-based: one pass per table.
create function firm_credit_scores(d date) returns table (uscc char(18), score numeric, rated boolean)
language sql stable as $$
    with ev as (
        select v.uscc,
               count(*) filter (where v.severity is null and v.occurred_on <= d) as positive,
               count(*) filter (where v.severity = 'SERIOUS' and v.occurred_on > (d - interval '36 months')
                                  and v.occurred_on <= d and (v.repaired_on is null or v.repaired_on > d)) as serious,
               count(*) filter (where v.severity = 'GENERAL' and v.occurred_on > (d - interval '12 months')
                                  and v.occurred_on <= d and (v.repaired_on is null or v.repaired_on > d)) as general,
               count(*) filter (where v.severity = 'MINOR' and v.occurred_on > (d - interval '12 months')
                                  and v.occurred_on <= d and (v.repaired_on is null or v.repaired_on > d)) as minor
        from credit_events v group by v.uscc),
    st as (
        select distinct on (s.uscc) s.uscc,
               case when s.revenue > 0 and s.net_profit is not null then s.net_profit / s.revenue end as margin
        from financial_statements s where s.year <= extract(year from d) order by s.uscc, s.year desc),
    rt as (
        select distinct on (r.uscc) r.uscc, r.score from published_ratings r
        where r.valid_from <= d and r.valid_until >= d and (r.revoked_on is null or r.revoked_on > d)
          and r.score is not null
        order by r.uscc, r.valid_from desc)
    select e.uscc,
           coalesce(rt.score, greatest(0, least(100,
               60 + 5 * least(coalesce(ev.positive, 0), 4) - 15 * coalesce(ev.serious, 0)
                  - 8 * coalesce(ev.general, 0) - 3 * coalesce(ev.minor, 0)
                  + case when st.margin >= 0.05 then 10 when st.margin < 0 then -10 else 0 end))),
           rt.score is not null
    from enterprises e
    left join ev on ev.uscc = e.uscc
    left join st on st.uscc = e.uscc
    left join rt on rt.uscc = e.uscc
$$;
