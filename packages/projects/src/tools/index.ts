import type { ZohoTool } from '@zoho-agent-kit/core';
import type { ProjectsClient } from '../client.js';
import { projectsAddComment } from './add-comment.js';
import { projectsCreateIssue } from './create-issue.js';
import { projectsCreateTask } from './create-task.js';
import { projectsGet } from './get-project.js';
import { projectsListComments } from './list-comments.js';
import { projectsListIssues } from './list-issues.js';
import { projectsListMilestones } from './list-milestones.js';
import { projectsList } from './list-projects.js';
import { projectsListTasklists } from './list-tasklists.js';
import { projectsListTasks } from './list-tasks.js';
import { projectsListTimeLogs } from './list-time-logs.js';
import { projectsListUsers } from './list-users.js';
import { projectsLogTime } from './log-time.js';
import { projectsUpdateTask } from './update-task.js';

export {
  projectsAddComment,
  projectsCreateIssue,
  projectsCreateTask,
  projectsGet,
  projectsList,
  projectsListComments,
  projectsListIssues,
  projectsListMilestones,
  projectsListTasklists,
  projectsListTasks,
  projectsListTimeLogs,
  projectsListUsers,
  projectsLogTime,
  projectsUpdateTask,
};

/** Every Projects tool, reads first. */
export const projectsTools: ZohoTool<ProjectsClient>[] = [
  projectsList,
  projectsGet,
  projectsListTasks,
  projectsListTasklists,
  projectsListMilestones,
  projectsListTimeLogs,
  projectsListIssues,
  projectsListComments,
  projectsListUsers,
  projectsCreateTask,
  projectsUpdateTask,
  projectsLogTime,
  projectsCreateIssue,
  projectsAddComment,
];
