import { Text } from '@tarojs/components'
import { Page } from '../../../../components/Page'
import './index.scss'

export default function Queue() {
  return (
    <Page>
      <Text className='page__title'>待审核申请</Text>
      <Text className='page__hint'>工作人员的审核队列将在这里显示。</Text>
    </Page>
  )
}
