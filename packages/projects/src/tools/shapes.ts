/**
 * How each kind of Projects record reads for a model. Renames (documented in the README): a task's `end_date`
 * is `due_date`, its `owners_and_work` becomes `owners` (names) and `planned_work`, `parental_info` becomes
 * `parent_task_id`/`parent_task`, `is_parent` becomes `has_subtasks`; a log's `log_hour` is `hours`, its `owner`
 * is `person`, its `module` is `type`. People embedded in records are their names; status objects their names;
 * an issue's severity, classification, module and reproducibility their names. `{id,name}` references (project,
 * task list, milestone, task) stay whole: the id for follow-up calls, the name to read.
 */
import { asDate, asPerson, asStatus, asText, dateText, personText, reshape, type Transform } from './shared.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

export const PROJECT_COLUMNS = ['id', 'key', 'name', 'status', 'custom_status', 'owner', 'start_date', 'end_date', 'completion_percentage', 'task_count', 'milestone_count', 'issue_count'];

export function shapeProject(raw: unknown): Json {
  return reshape(raw, { owner: asPerson, custom_status: asStatus, start_date: asDate, end_date: asDate, description: asText });
}

export const TASK_COLUMNS = ['id', 'prefix', 'name', 'status', 'closed', 'priority', 'owners', 'start_date', 'due_date', 'completion_percentage', 'tasklist', 'parent_task_id', 'parent_task'];

const taskTransforms: Record<string, Transform> = {
  status: (v) => [
    ['status', asStatus(v, {})],
    ['closed', isObject(v) && v.is_closed_type === true ? true : undefined],
  ],
  end_date: (v) => [['due_date', dateText(v)]],
  start_date: asDate,
  owners_and_work: (v) => {
    const ow = isObject(v) ? v : {};
    const owners = Array.isArray(ow.owners) ? ow.owners.map(personText).filter(Boolean) : [];
    return [
      ['owners', owners],
      ['planned_work', ow.total_work],
    ];
  },
  created_by: asPerson,
  parental_info: (v) => {
    const p = isObject(v) ? v : {};
    return [
      ['parent_task_id', p.parent_task_id],
      ['parent_task', p.parent_task_name],
    ];
  },
  is_parent: (v) => [['has_subtasks', v === true ? true : undefined]],
  description: asText,
};

export function shapeTask(raw: unknown): Json {
  return reshape(raw, taskTransforms, { drop: ['root_task_id'] });
}

export const LOG_COLUMNS = ['id', 'date', 'person', 'hours', 'bill_status', 'type', 'task', 'log_name', 'notes', 'approval_status'];

const zero = (v: unknown) => v === 0 || v === '0' || v === '0.00';

export function shapeTimeLog(raw: unknown): Json {
  return reshape(raw, {
    log_hour: (v) => [['hours', v]],
    owner: (v) => [['person', personText(v)]],
    added_by: (v, record) => (personText(v) === personText(record.owner) ? undefined : personText(v)),
    module: (v) => [['type', isObject(v) ? v.type : undefined]],
    date: asDate,
    cost_per_hour: (v) => (zero(v) ? undefined : v),
    });
}

export const ISSUE_COLUMNS = ['id', 'prefix', 'name', 'status', 'closed', 'severity', 'assignee', 'reporter', 'due_date', 'flag', 'created_time'];

export function shapeIssue(raw: unknown): Json {
  return reshape(
    raw,
    {
      status: (v) => [
        ['status', asStatus(v, {})],
        ['closed', isObject(v) && v.is_closed_type === true ? true : undefined],
      ],
      severity: asStatus,
      assignee: asPerson,
      reporter: asPerson,
      due_date: asDate,
      description: asText,
          module: (v) => (isObject(v) ? v.name : v),
      classification: (v) => (isObject(v) ? v.name : v),
      is_it_reproducible: (v) => (isObject(v) ? v.name : v),
    },
    { keep: ['created_time'] },
  );
}

export const COMMENT_COLUMNS = ['id', 'created_time', 'added_by', 'comment'];

export function shapeComment(raw: unknown): Json {
  return reshape(raw, { added_by: asPerson, comment: asText }, { keep: ['created_time'] });
}

export const MILESTONE_COLUMNS = ['id', 'name', 'status', 'owner', 'start_date', 'end_date', 'completion_percent', 'flag'];

export function shapeMilestone(raw: unknown): Json {
  return reshape(raw, { owner: asPerson, status: asStatus, start_date: asDate, end_date: asDate });
}

export const TASKLIST_COLUMNS = ['id', 'name', 'status', 'milestone', 'task_count', 'flag'];

export function shapeTasklist(raw: unknown): Json {
  return reshape(raw);
}

export const USER_COLUMNS = ['name', 'email', 'role', 'profile', 'project_role', 'job_title', 'status', 'zpuid', 'id'];

const named: Transform = (v) => (isObject(v) ? v.name : v);

export function shapeUser(raw: unknown): Json {
  return reshape(raw, { role: named, profile: named, project_role: named, project_profile: named, is_active: () => undefined });
}
