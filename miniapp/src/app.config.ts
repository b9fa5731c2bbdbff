export default defineAppConfig({
  pages: ['pages/index/index', 'pages/programs/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'packages/staff',
      pages: ['pages/queue/index'],
    },
  ],
  window: {
    navigationBarTitleText: '民生就业服务',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f5f5',
    backgroundTextStyle: 'light',
  },
  tabBar: {
    color: '#555555',
    selectedColor: '#07c160',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/programs/index', text: '服务' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
})
