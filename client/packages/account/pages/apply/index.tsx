import PageShell from '../../../../components/PageShell'
import StatusView from '../../../../components/StatusView'

// Being built in this change: replaced before it lands.
export default function Page() {
  return (
    <PageShell>
      <StatusView status='loading' />
    </PageShell>
  )
}
