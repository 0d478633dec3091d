/**
 * `parapet collect azure`: Azure Resource Graph over subscriptions or
 * management groups (plus the ARM facts it does not hold) into an inventory
 * file, with the credentials of
 * @azure/identity's DefaultAzureCredential.
 */
import { Command, Option } from 'commander';
import { ParapetError } from '../common/errors.js';
import { collectInto, parseRetries } from './collect-gcp.js';

const collectList = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

interface AzureFlags {
  subscription: string[];
  managementGroup: string[];
  out: string;
  endpoint?: string;
  retries: string;
  facts: boolean;
  allowPartial?: boolean;
}

export function registerAzure(collect: Command): void {
  collect
    .command('azure')
    .description('Collect an Azure estate from Azure Resource Graph using DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI, …).')
    .option('--subscription <id...>', 'subscription ids (repeatable, space- or comma-separated)', (v: string, prev: string[] = []) => collectList(v, prev), [])
    .option('--management-group <id...>', 'management group ids (repeatable)', (v: string, prev: string[] = []) => collectList(v, prev), [])
    .requiredOption('--out <file>', 'inventory file to write (.json for one JSON document, otherwise NDJSON)')
    .addOption(new Option('--endpoint <url>', 'Azure Resource Manager endpoint (sovereign clouds)').default('https://management.azure.com'))
    .addOption(new Option('--retries <n>', 'retries of a throttled or failed request before its scope is marked incomplete').default('4'))
    .option('--no-facts', 'skip the ARM facts Resource Graph does not hold (diagnostic settings, blob service, SQL auditing, Key Vault keys, …)')
    .option('--allow-partial', 'exit 0 even when some scope could not be read completely')
    .action(async (flags: AzureFlags) => {
      if (flags.subscription.length === 0 && flags.managementGroup.length === 0) {
        throw new ParapetError('azure_no_scope', 'name at least one --subscription or --management-group');
      }
      let endpoint: URL;
      try {
        endpoint = new URL(flags.endpoint!);
      } catch {
        throw new ParapetError('azure_bad_endpoint', `--endpoint must be a URL, not ${JSON.stringify(flags.endpoint)}`);
      }
      if (endpoint.protocol !== 'https:') throw new ParapetError('azure_bad_endpoint', `--endpoint must use https (bearer tokens are never sent in clear): ${flags.endpoint}`);
      const retry = { attempts: parseRetries(flags.retries) + 1 };
      const { collectAzure } = await import('../collectors/azure/collect.js');
      await collectInto(flags.out, 'azure', flags.allowPartial === true, (writer, progress) =>
        collectAzure({
          subscriptions: flags.subscription, managementGroups: flags.managementGroup, writer, progress, retry, facts: flags.facts,
          clientOptions: { baseUri: endpoint.origin },
        }),
      );
    });
}
