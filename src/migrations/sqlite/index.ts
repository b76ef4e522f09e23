import * as migration_20261124_195422_initial from './20261124_195422_initial';
import * as migration_20261124_200820_workflow from './20261124_200820_workflow';
import * as migration_20261124_201739_scheduling from './20261124_201739_scheduling';

export const migrations = [
  {
    up: migration_20261124_195422_initial.up,
    down: migration_20261124_195422_initial.down,
    name: '20261124_195422_initial',
  },
  {
    up: migration_20261124_200820_workflow.up,
    down: migration_20261124_200820_workflow.down,
    name: '20261124_200820_workflow',
  },
  {
    up: migration_20261124_201739_scheduling.up,
    down: migration_20261124_201739_scheduling.down,
    name: '20261124_201739_scheduling'
  },
];
