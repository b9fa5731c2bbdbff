import { Switch, Text, View } from '@tarojs/components'
import { Page } from '../../components/Page'
import { setElderMode, useElderMode } from '../../hooks/useElderMode'
import './index.scss'

export default function Me() {
  const elder = useElderMode()

  return (
    <Page>
      <Text className='page__title'>我的</Text>
      <View className='setting'>
        <View className='setting__text'>
          <Text className='setting__label'>长辈模式</Text>
          <Text className='page__hint'>字更大，颜色更清楚</Text>
        </View>
        <Switch checked={elder} color='#006b34' onChange={(event) => setElderMode(event.detail.value)} />
      </View>
    </Page>
  )
}
